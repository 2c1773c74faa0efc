package org.phonecontroller.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The provisioning server ({@code provisioning: { listen, tls, source, ... }}): the controller serves the provisioning
 * files of phones in ranges with {@code provisioning:<profile>} protocols, with their SIP servers overlaid.
 *
 * @param host          the address to listen on (default {@code 0.0.0.0}: phones reach it over the network)
 * @param port          the TCP port (default 8880)
 * @param tls           HTTPS with a key store, as {@code admin.tls}
 * @param source        where the files come from
 * @param fetchDeadline how long a push waits for the phone to fetch its file after the trigger (default 8s, at
 *                      most 9s: the reconciler gives any exchange with a phone 10s, and retries with backoff)
 * @param triggers      how many times one push triggers a phone that does not fetch, spread over the deadline
 *                      (default 2: a NOTIFY over UDP may be lost); then the push fails with NO_FETCH and the
 *                      reconciler retries it
 */
public record ProvisioningSettings(String host, int port, Optional<AdminSettings.Tls> tls, Source source,
                                   Duration fetchDeadline, int triggers) {
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8880;
    public static final Duration DEFAULT_FETCH_DEADLINE = Duration.ofSeconds(8);
    public static final int DEFAULT_TRIGGERS = 2;
    /** The largest file taken from an upstream or a directory (default of {@code source.maxBytes}). */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;

    public ProvisioningSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fetchDeadline, "fetchDeadline");
    }

    /** {@code host:port} as written in {@code listen}, IPv6 in brackets. */
    public String listen() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Where the served files come from. */
    public sealed interface Source {
        /** At most this many bytes are read from a source file. */
        int maxBytes();

        /** Files from a folder: {@code source: { directory: /srv/provisioning }}. */
        record Directory(Path directory, int maxBytes) implements Source {
            public Directory {
                Objects.requireNonNull(directory, "directory");
            }
        }

        /**
         * Files from an upstream provisioning server ({@code source: { url: "http://pbx/prov/", credentials: KEY }}),
         * cached on disk so they are still served while the upstream is down.
         *
         * @param url         the base URL; a file name is appended
         * @param credentials a key of the credentials file whose {@code http} user and password the upstream wants
         * @param cacheDir    where answers are cached (default {@code data/provisioning-cache})
         * @param timeout     per upstream request (default 3s)
         */
        record Upstream(URI url, Optional<String> credentials, Path cacheDir, Duration timeout, int maxBytes)
                implements Source {
            public Upstream {
                Objects.requireNonNull(url, "url");
                Objects.requireNonNull(credentials, "credentials");
                Objects.requireNonNull(cacheDir, "cacheDir");
                Objects.requireNonNull(timeout, "timeout");
            }
        }

        /** No source: files are made from the profile's template. */
        record Template() implements Source {
            @Override
            public int maxBytes() {
                return DEFAULT_MAX_BYTES;
            }
        }
    }
}
