package org.phonecontroller.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The admin API ({@code admin: { listen: 127.0.0.1:8765, tokenFile: data/admin.token }}).
 *
 * @param host        a loopback address or {@code localhost} (default 127.0.0.1); any other address only with
 *                    {@code allowRemote: true} and {@code tls}
 * @param port        the TCP port (default 8765)
 * @param tokenFile   the file holding the access token, resolved against the configuration file's folder
 *                    (default {@code data/admin.token})
 * @param allowRemote the explicit permission to listen on a network address (default false)
 * @param tls         HTTPS for the admin API; required when {@code allowRemote}
 */
public record AdminSettings(String host, int port, Path tokenFile, boolean allowRemote, Optional<Tls> tls) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8765;
    public static final String DEFAULT_TOKEN_FILE = "data/admin.token";

    public AdminSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tokenFile, "tokenFile");
        Objects.requireNonNull(tls, "tls");
    }

    /** Loopback, plain HTTP: the usual case. */
    public AdminSettings(String host, int port, Path tokenFile) {
        this(host, port, tokenFile, false, Optional.empty());
    }

    /** {@code host:port} as written in {@code listen}, IPv6 in brackets. */
    public String listen() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * {@code admin.tls}: a key store with the server's key and certificate. Its password is in a separate file
     * (mode 0600), so no secret is written in the configuration.
     *
     * @param keyStore     a PKCS#12 (or JKS) file, resolved against the configuration file's folder
     * @param passwordFile the file holding the key store's password, resolved likewise
     */
    public record Tls(Path keyStore, Path passwordFile) {
        public Tls {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(passwordFile, "passwordFile");
        }
    }
}
