package org.phonecontroller.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The admin API ({@code admin: { listen: 127.0.0.1:8765, tokenFile: data/admin.token }}).
 *
 * @param host      a loopback address or {@code localhost}: the API never listens elsewhere (default 127.0.0.1)
 * @param port      the TCP port (default 8765)
 * @param tokenFile the file holding the access token, resolved against the configuration file's folder
 *                  (default {@code data/admin.token})
 */
public record AdminSettings(String host, int port, Path tokenFile) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8765;
    public static final String DEFAULT_TOKEN_FILE = "data/admin.token";

    public AdminSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tokenFile, "tokenFile");
    }

    /** {@code host:port} as written in {@code listen}, IPv6 in brackets. */
    public String listen() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
