package org.phonecontroller.protocols.probe;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import org.phonecontroller.protocols.HealthProbe;

/** Builds a {@link HealthProbe} from the kind named in configuration and its settings. */
public final class HealthProbes {

    /** The kinds in the order documentation lists them. */
    public static final List<String> KINDS = List.of(SipOptionsProbe.KIND, TcpConnectProbe.KIND, HttpProbe.KIND,
            SnmpGetProbe.KIND);

    private HealthProbes() {
    }

    /**
     * A probe whose TLS (sip-options over tls, http over https) trusts what {@link ProbeSettings#trust()} says.
     *
     * @param kind {@code sip-options}, {@code tcp}, {@code http} or {@code snmp} (any case)
     * @throws IllegalArgumentException naming the kind and the known kinds, or why the trust cannot be used (e.g.
     *                                  an unreadable PEM file)
     */
    public static HealthProbe create(String kind, ProbeSettings settings) {
        Objects.requireNonNull(settings, "settings");
        String k = Objects.requireNonNull(kind, "kind").strip().toLowerCase(Locale.ROOT);
        boolean tls = k.equals(SipOptionsProbe.KIND) || k.equals(HttpProbe.KIND) && settings.httpScheme()
                .equals("https");
        return create(kind, settings, tls ? settings.trust().sslContext() : null);
    }

    /**
     * @param tlsContext trust for {@code sip-options} over TLS and {@code http} over https, overriding
     *                   {@link ProbeSettings#trust()}; null leaves sip-options without TLS and https with the system's
     */
    public static HealthProbe create(String kind, ProbeSettings settings, SSLContext tlsContext) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(settings, "settings");
        return switch (kind.strip().toLowerCase(Locale.ROOT)) {
            case SipOptionsProbe.KIND -> new SipOptionsProbe(settings, tlsContext);
            case TcpConnectProbe.KIND -> new TcpConnectProbe(settings);
            case HttpProbe.KIND -> new HttpProbe(settings, Ticker.system(), tlsContext);
            case SnmpGetProbe.KIND -> new SnmpGetProbe(settings);
            default -> throw new IllegalArgumentException("unknown probe kind '" + kind + "' (known: "
                    + String.join(", ", KINDS) + ")");
        };
    }
}
