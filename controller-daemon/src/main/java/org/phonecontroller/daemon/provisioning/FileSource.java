package org.phonecontroller.daemon.provisioning;

import java.util.Optional;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.HttpCredentials;
import org.phonecontroller.config.ProvisioningSettings;
import org.phonecontroller.config.RangeCredentials;

/** Where the provisioning files come from, before the overlay. Thread-safe. */
interface FileSource {

    /**
     * The file's bytes, or empty when the source has no such file.
     *
     * @param userAgent the phone's User-Agent (an upstream may tailor its answer to it)
     * @throws SourceUnavailable when the source cannot answer now and nothing is cached, or the file is too large
     */
    Optional<byte[]> read(String fileName, String userAgent) throws SourceUnavailable;

    /** For logs and {@code phonectl}: the directory or the upstream URL (without credentials). */
    String describe();

    /** The source cannot answer; the message names the source, never a credential or the content. */
    final class SourceUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        SourceUnavailable(String message) {
            super(message);
        }
    }

    /**
     * What a source is made from: its settings and, for an upstream, the login the credentials file gives it. Equal
     * specs make equivalent sources, so a reload that changes neither keeps the running one (and its state).
     */
    record Spec(ProvisioningSettings.Source settings, Optional<HttpCredentials> login) {
        static Spec of(ProvisioningSettings.Source settings, Credentials credentials) {
            return new Spec(settings, settings instanceof ProvisioningSettings.Source.Upstream u
                    ? u.credentials().flatMap(credentials::forRange).flatMap(RangeCredentials::http)
                    : Optional.empty());
        }

        FileSource open() {
            return switch (settings) {
                case ProvisioningSettings.Source.Directory d -> new DirectorySource(d.directory(), d.maxBytes());
                case ProvisioningSettings.Source.Upstream u -> new UpstreamSource(u.url(), login, u.cacheDir(),
                        u.timeout(), u.maxBytes());
                case ProvisioningSettings.Source.Template t -> NONE;
            };
        }

        @Override
        public String toString() {
            return "Spec[settings=" + settings + ", login=" + (login.isPresent() ? "***" : "none") + "]";
        }
    }

    /** No source: every file is made from the profile's template. */
    FileSource NONE = new FileSource() {
        @Override
        public Optional<byte[]> read(String fileName, String userAgent) {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "the profiles' templates";
        }
    };
}
