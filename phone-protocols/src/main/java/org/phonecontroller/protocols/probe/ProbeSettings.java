package org.phonecontroller.protocols.probe;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.phonecontroller.protocols.snmp.SnmpCredentials;

/**
 * Settings of a health probe, as the daemon reads them from configuration. Unused fields are ignored by probe kinds
 * that do not need them.
 *
 * @param timeout           how long one probe waits for its answer (the probe owns its timeout)
 * @param sipAcceptedCodes  SIP final status codes that count as up ({@code sip-options}); 408 never does
 * @param httpPath          the path requested by {@code http} probes, starting with {@code /}
 * @param httpScheme        {@code http} or {@code https}
 * @param httpAcceptedCodes HTTP status codes that count as up; empty means 200..399
 * @param snmp              the SNMP community or v3 user of {@code snmp} probes (secrets: never printed); empty
 *                          means the {@code snmp} probe cannot ask (there is no built-in {@code public})
 * @param userAgent         the User-Agent of SIP and HTTP requests
 * @param trust             which certificates probes over TLS accept ({@code sip-options} over tls, https)
 */
public record ProbeSettings(Duration timeout, Set<Integer> sipAcceptedCodes, String httpPath, String httpScheme,
                            Set<Integer> httpAcceptedCodes, Optional<SnmpCredentials> snmp, String userAgent,
                            ProbeTrust trust) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

    /** 500 ms; SIP 200..299; HTTP GET / over http, 200..399; no SNMP credentials; the system's trust. */
    public static ProbeSettings defaults() {
        return new ProbeSettings(DEFAULT_TIMEOUT, twoHundreds(), "/", "http", Set.of(), Optional.empty(),
                "PhoneController", ProbeTrust.SYSTEM);
    }

    public ProbeSettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(httpPath, "httpPath");
        Objects.requireNonNull(httpScheme, "httpScheme");
        Objects.requireNonNull(snmp, "snmp");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(trust, "trust");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("probe timeout " + timeout + " is outside (0, 5m]");
        }
        sipAcceptedCodes = Set.copyOf(new TreeSet<>(Objects.requireNonNull(sipAcceptedCodes, "sipAcceptedCodes")));
        if (sipAcceptedCodes.isEmpty()) {
            throw new IllegalArgumentException("no SIP status code would count as up");
        }
        for (int code : sipAcceptedCodes) {
            if (code < 200 || code > 699) {
                throw new IllegalArgumentException("SIP code " + code + " is not a final status code (200..699)");
            }
            if (code == 408) {
                throw new IllegalArgumentException(
                        "SIP 408 cannot count as up: proxies send it themselves when the server does not answer");
            }
        }
        httpAcceptedCodes = Set.copyOf(Objects.requireNonNull(httpAcceptedCodes, "httpAcceptedCodes"));
        for (int code : httpAcceptedCodes) {
            if (code < 100 || code > 599) {
                throw new IllegalArgumentException("HTTP code " + code + " is outside 100..599");
            }
        }
        if (!httpPath.startsWith("/")) {
            throw new IllegalArgumentException("HTTP probe path '" + httpPath + "' does not start with '/'");
        }
        if (!httpScheme.equals("http") && !httpScheme.equals("https")) {
            throw new IllegalArgumentException("HTTP probe scheme '" + httpScheme + "' is not http or https");
        }
    }

    public ProbeSettings withTimeout(Duration newTimeout) {
        return new ProbeSettings(newTimeout, sipAcceptedCodes, httpPath, httpScheme, httpAcceptedCodes, snmp,
                userAgent, trust);
    }

    public ProbeSettings withSipAcceptedCodes(Set<Integer> codes) {
        return new ProbeSettings(timeout, codes, httpPath, httpScheme, httpAcceptedCodes, snmp, userAgent, trust);
    }

    public ProbeSettings withHttp(String scheme, String path, Set<Integer> acceptedCodes) {
        return new ProbeSettings(timeout, sipAcceptedCodes, path, scheme, acceptedCodes, snmp, userAgent, trust);
    }

    public ProbeSettings withSnmp(SnmpCredentials credentials) {
        return new ProbeSettings(timeout, sipAcceptedCodes, httpPath, httpScheme, httpAcceptedCodes,
                Optional.of(credentials), userAgent, trust);
    }

    /** SNMPv2c with {@code community}. */
    public ProbeSettings withSnmpCommunity(String community) {
        return withSnmp(new SnmpCredentials.V2c(community));
    }

    public ProbeSettings withUserAgent(String agent) {
        return new ProbeSettings(timeout, sipAcceptedCodes, httpPath, httpScheme, httpAcceptedCodes, snmp, agent,
                trust);
    }

    public ProbeSettings withTrust(ProbeTrust value) {
        return new ProbeSettings(timeout, sipAcceptedCodes, httpPath, httpScheme, httpAcceptedCodes, snmp,
                userAgent, value);
    }

    /** Whether an HTTP status counts as up. */
    public boolean httpAccepts(int status) {
        return httpAcceptedCodes.isEmpty() ? status >= 200 && status < 400 : httpAcceptedCodes.contains(status);
    }

    private static Set<Integer> twoHundreds() {
        var codes = new TreeSet<Integer>();
        for (int c = 200; c < 300; c++) {
            codes.add(c);
        }
        return codes;
    }

    /** Without secrets (SnmpCredentials hide theirs). */
    @Override
    public String toString() {
        return "ProbeSettings[timeout=" + timeout + ", sipAcceptedCodes=" + new TreeSet<>(sipAcceptedCodes)
                + ", http=" + httpScheme + "://HOST" + httpPath + " " + (httpAcceptedCodes.isEmpty() ? "200..399"
                : new TreeSet<>(httpAcceptedCodes)) + ", snmp=" + snmp.map(Object::toString).orElse("none") + ", userAgent=" + userAgent + ", trust=" + trust
                + "]";
    }
}
