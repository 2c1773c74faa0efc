package org.phonecontroller.protocols.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Remembers the certificate fingerprint each phone showed first (trust on first use). A small text file, one line
 * per phone: {@code HOST:PORT SHA256HEX}; lines starting with {@code #} are comments. An admin accepts a phone's
 * new certificate by deleting its line. Thread-safe; every change rewrites the file atomically.
 */
public final class FingerprintStore {

    private final Path file;
    private final Map<String, String> fingerprints = new TreeMap<>();
    /** A lock, not a monitor: phones are asked from virtual threads, and a change writes the file. */
    private final ReentrantLock lock = new ReentrantLock();

    private FingerprintStore(Path file) {
        this.file = file;
    }

    /**
     * Opens (or starts) the store in {@code file}.
     *
     * @throws IllegalArgumentException quoting {@code file:line} for a line that is not {@code HOST:PORT HEX}
     */
    public static FingerprintStore open(Path file) {
        FingerprintStore store = new FingerprintStore(Objects.requireNonNull(file, "file"));
        if (Files.exists(file)) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).trim();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    String[] parts = line.split("\\s+");
                    if (parts.length != 2) {
                        throw new IllegalArgumentException(file + ":" + (i + 1)
                                + ": expected 'HOST:PORT SHA256-FINGERPRINT'");
                    }
                    try {
                        store.fingerprints.put(parts[0], TlsPolicy.normalizeFingerprint(parts[1]));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the certificate fingerprint store " + file, e);
            }
        }
        return store;
    }

    /** The fingerprint remembered for {@code hostAndPort}. */
    public Optional<String> get(String hostAndPort) {
        lock.lock();
        try {
            return Optional.ofNullable(fingerprints.get(hostAndPort));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Remembers {@code sha256} for {@code hostAndPort} unless another one is known.
     *
     * @return the fingerprint now on record (the earlier one when there was one)
     */
    public String rememberIfFirst(String hostAndPort, String sha256) {
        lock.lock();
        try {
            String known = fingerprints.get(hostAndPort);
            if (known != null) {
                return known;
            }
            fingerprints.put(hostAndPort, TlsPolicy.normalizeFingerprint(sha256));
            save();
            return fingerprints.get(hostAndPort);
        } finally {
            lock.unlock();
        }
    }

    public Path file() {
        return file;
    }

    private void save() {
        List<String> lines = new ArrayList<>();
        lines.add("# Certificate fingerprints first seen per phone (trust on first use). Delete a line to accept a "
                + "phone's new certificate.");
        fingerprints.forEach((host, fp) -> lines.add(host + " " + fp));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the certificate fingerprint store " + file, e);
        }
    }

    @Override
    public String toString() {
        return "FingerprintStore(" + file + ")";
    }
}
