package org.phonecontroller.config.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Optional;
import org.phonecontroller.config.TlsTrust;

/** Reads {@code tls: { trust: system | FILE.pem | sha256:HEX }}; a PEM file must exist and hold certificates. */
final class TlsTrustReader {
    private final Problems problems;
    private final Path configDir;

    TlsTrustReader(Problems problems, Path configDir) {
        this.problems = problems;
        this.configDir = configDir;
    }

    Optional<TlsTrust> read(YamlNode node, String where) {
        String label = where + " tls";
        return MappingReader.of(node, label, List.of("trust"), problems).flatMap(r -> r.require("trust"))
                .flatMap(v -> Values.text(v, label + " trust", problems).map(String::strip)
                        .flatMap(text -> trust(text, v, label)));
    }

    private Optional<TlsTrust> trust(String text, YamlNode at, String label) {
        TlsTrust trust;
        try {
            trust = TlsTrust.parse(text, configDir);
        } catch (IllegalArgumentException e) {
            problems.add(at, label + " trust: " + e.getMessage());
            return Optional.empty();
        }
        if (!(trust instanceof TlsTrust.PemFile pem)) {
            return Optional.of(trust);
        }
        Path file = pem.file();
        String shown = "'" + Problems.shorten(text) + "'" + (Path.of(text).isAbsolute() ? "" : " (" + file + ")");
        if (!Files.isRegularFile(file)) {
            problems.add(at, label + " trust: " + shown + " is not a file; write system, sha256:HEX (the "
                    + "certificate's fingerprint) or a PEM file of trusted certificates");
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                problems.add(at, label + " trust: " + shown + " holds no PEM certificate");
                return Optional.empty();
            }
        } catch (IOException e) {
            problems.add(at, label + " trust: " + shown + " cannot be read: " + e.getMessage());
            return Optional.empty();
        } catch (CertificateException e) {
            problems.add(at, label + " trust: " + shown + " is not PEM certificates ("
                    + Problems.shorten(String.valueOf(e.getMessage())) + ")");
            return Optional.empty();
        }
        return Optional.of(trust);
    }
}
