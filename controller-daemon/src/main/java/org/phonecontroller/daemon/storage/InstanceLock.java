package org.phonecontroller.daemon.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps a second daemon off an embedded H2 inventory: an OS file lock on {@code <database file>.daemon.lock}, held
 * for the daemon's life and released by the OS when the process dies (also on kill -9). PostgreSQL needs none: in
 * cluster mode several daemons share it on purpose.
 */
public final class InstanceLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;
    private final Path file;

    private InstanceLock(FileChannel channel, FileLock lock, Path file) {
        this.channel = channel;
        this.lock = lock;
        this.file = file;
    }

    /**
     * Takes the lock for an H2 file URL; empty for other databases (in-memory H2 or PostgreSQL).
     *
     * @throws StorageLockedException when another daemon holds it
     */
    public static Optional<InstanceLock> acquire(String jdbcUrl) {
        Optional<Path> database = h2File(jdbcUrl);
        if (database.isEmpty()) {
            return Optional.empty();
        }
        Path file = Path.of(database.get() + ".daemon.lock").toAbsolutePath();
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw locked(file, null);
            }
            return Optional.of(new InstanceLock(channel, lock, file));
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw locked(file, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageException("cannot create the daemon lock " + file + ": " + e.getMessage(), e);
        } catch (StorageLockedException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The database file of an H2 file URL ({@code jdbc:h2:file:PATH;OPTIONS} or {@code jdbc:h2:PATH}). */
    static Optional<Path> h2File(String jdbcUrl) {
        if (Dialect.of(jdbcUrl) != Dialect.H2) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring("jdbc:h2:".length());
        int options = rest.indexOf(';');
        if (options >= 0) {
            rest = rest.substring(0, options);
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")) {
            return Optional.empty();
        }
        if (lower.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        return Optional.of(Path.of(rest.startsWith("~") ? System.getProperty("user.home") + rest.substring(1) : rest));
    }

    private static StorageLockedException locked(Path file, Exception cause) {
        return new StorageLockedException("another phonectl daemon already runs on this inventory (lock " + file
                + " is held); stop it first or give this one another storage.url", cause);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock was not taken; nothing more to release
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new StorageException("cannot release the daemon lock " + file + ": " + e.getMessage(), e);
        }
    }
}
