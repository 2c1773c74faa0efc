package org.phonecontroller.daemon.provisioning;

import java.util.Optional;

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
