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
     * @param kind {@code sip-options}, {@code tcp}, {@code http} or {@code snmp} (any case)
     * @throws IllegalArgumentException naming the kind and the known kinds
     */
    public static HealthProbe create(String kind, ProbeSettings settings) {
        return create(kind, settings, null);
    }

    /**
     * @param tlsContext trust for {@code sip-options} over TLS (e.g. {@code SSLContext.getDefault()} for the
     *                   system's CAs, or one holding the PBX's own certificate); null leaves TLS unsupported
     */
    public static HealthProbe create(String kind, ProbeSettings settings, SSLContext tlsContext) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(settings, "settings");
        return switch (kind.strip().toLowerCase(Locale.ROOT)) {
            case SipOptionsProbe.KIND -> new SipOptionsProbe(settings, tlsContext);
            case TcpConnectProbe.KIND -> new TcpConnectProbe(settings);
            case HttpProbe.KIND -> new HttpProbe(settings);
            case SnmpGetProbe.KIND -> new SnmpGetProbe(settings);
            default -> throw new IllegalArgumentException("unknown probe kind '" + kind + "' (known: "
                    + String.join(", ", KINDS) + ")");
        };
    }
}
