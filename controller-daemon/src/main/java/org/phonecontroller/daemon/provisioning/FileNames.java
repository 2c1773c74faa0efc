package org.phonecontroller.daemon.provisioning;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which request paths name a file the provisioning server may serve: one plain file name right under the root (or
 * under one optional prefix folder given by the phones' provisioning URL), made of letters, digits, {@code . _ -};
 * never {@code ..}, an absolute path, a backslash or any percent-encoding.
 */
final class FileNames {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private FileNames() {
    }

    /** The file name of a request path as sent (undecoded), or empty when the path is not allowed. */
    static Optional<String> of(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/") || rawPath.startsWith("//")) {
            return Optional.empty();
        }
        String name = rawPath.substring(1);
        if (!PLAIN.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(name);
    }
}
