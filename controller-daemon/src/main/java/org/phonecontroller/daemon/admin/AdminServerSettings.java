package org.phonecontroller.daemon.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.phonecontroller.config.AdminSettings;

/**
 * Where and how the admin API listens.
 *
 * @param listen      address and port; loopback unless {@code allowRemote}
 * @param tokenFile   the bearer token file (created at first start)
 * @param allowRemote the explicit permission to bind a non-loopback address (then {@code tls} is required)
 * @param tls         HTTPS key store, or {@code null} for plain HTTP (loopback only)
 */
public record AdminServerSettings(InetSocketAddress listen, Path tokenFile, boolean allowRemote, Tls tls) {

    /** The default port of the admin API. */
    public static final int DEFAULT_PORT = 8765;

    public AdminServerSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(tokenFile, "tokenFile");
    }

    /**
     * The settings of the {@code admin} section of a validated configuration; reads the TLS password file.
     *
     * @throws AdminServerRefused when the TLS password file cannot be read
     */
    public static AdminServerSettings of(AdminSettings admin) {
        Tls tls = admin.tls().map(AdminServerSettings::readTls).orElse(null);
        return new AdminServerSettings(new InetSocketAddress(admin.host(), admin.port()), admin.tokenFile(),
                admin.allowRemote(), tls);
    }

    private static Tls readTls(AdminSettings.Tls tls) {
        try {
            return new Tls(tls.keyStore(), Files.readString(tls.passwordFile(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new AdminServerRefused("cannot read admin.tls.passwordFile " + tls.passwordFile() + " (" + e
                    + "). It must exist and be readable by the service account.", e);
        }
    }

    /** Loopback, plain HTTP. */
    public static AdminServerSettings loopback(InetSocketAddress listen, Path tokenFile) {
        return new AdminServerSettings(listen, tokenFile, false, null);
    }

    /**
     * A PKCS#12 (or JKS) key store holding the server's key and certificate.
     *
     * @param keyStore the key store file
     * @param password its password (kept out of {@link #toString()})
     */
    public record Tls(Path keyStore, String password) {

        public Tls {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Tls[keyStore=" + keyStore + ", password=****]";
        }
    }
}
