package org.phonecontroller.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A PhoneManager's registrar view: where the controller reads who is registered there, in bulk.
 *
 * <p>YAML, under a PhoneManager: {@code registrar: { kind: kamailio-jsonrpc, url: "http://10.0.1.10:5071/RPC" }} or
 * {@code registrar: { kind: asterisk-ami, address: 10.0.2.10:5038, credentials: pm-c-ami }}, each optionally with
 * {@code interval} (how often it is read, default 3s, at least 1s), {@code timeout} (one read, default 2s) and
 * {@code deadline} (how long after its push a phone has to register there, default 60s).
 */
public sealed interface RegistrarConfig {
    Duration DEFAULT_INTERVAL = Duration.ofSeconds(3);
    Duration MIN_INTERVAL = Duration.ofSeconds(1);
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

    /** The kind as written in YAML. */
    String kind();

    /** How the three timings are set. */
    Timing timing();

    /**
     * @param interval how often the registrar is read
     * @param timeout  the longest one read may take
     * @param deadline how long after its push a phone has to appear there
     */
    record Timing(Duration interval, Duration timeout, Duration deadline) {
        public static final Timing DEFAULTS = new Timing(DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_DEADLINE);

        public Timing {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /** Kamailio ≥ 5.1: JSON-RPC {@code ul.dump} over HTTP (modules xhttp + jsonrpcs). */
    record KamailioJsonRpc(URI url, Timing timing) implements RegistrarConfig {
        public KamailioJsonRpc {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(timing, "timing");
        }

        @Override
        public String kind() {
            return "kamailio-jsonrpc";
        }
    }

    /**
     * Asterisk (PJSIP): AMI {@code PJSIPShowContacts}.
     *
     * @param credentials the key in the credentials file whose {@code ami: { user, secret }} logs in
     */
    record AsteriskAmi(String host, int port, String credentials, Timing timing) implements RegistrarConfig {
        public AsteriskAmi {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(timing, "timing");
        }

        @Override
        public String kind() {
            return "asterisk-ami";
        }
    }
}
