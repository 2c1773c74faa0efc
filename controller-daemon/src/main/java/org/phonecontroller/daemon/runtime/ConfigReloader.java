package org.phonecontroller.daemon.runtime;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.phonecontroller.config.ConfigLoadResult;
import org.phonecontroller.daemon.config.KnownProfiles;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the daemon's configuration on request (admin API), on SIGHUP, and when the file (or its credentials file)
 * changes: the new file is validated first; an invalid one changes nothing and writes CONFIG_REJECTED with every
 * problem; a valid one is built into a new {@link DaemonRuntime} which replaces the running one (see
 * {@link Daemon#replace}) and writes CONFIG_APPLIED. A runtime that cannot be built changes nothing either
 * (CONFIG_REJECTED with the reason). One reload at a time.
 */
public final class ConfigReloader implements AutoCloseable {

    /** What a reload did. */
    public sealed interface Outcome {
        record Applied(List<String> changes) implements Outcome {
        }

        record Rejected(List<String> problems) implements Outcome {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);

    private final Daemon daemon;
    private final Path file;
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private volatile Thread watcher;
    private volatile WatchService watchService;

    ConfigReloader(Daemon daemon, Path file) {
        this.daemon = daemon;
        this.file = file.toAbsolutePath();
    }

    /** Validates and applies the file now. */
    public Outcome reload() {
        oneAtATime.lock();
        try {
            return validateAndApply();
        } finally {
            oneAtATime.unlock();
        }
    }

    private Outcome validateAndApply() {
        ConfigLoadResult loaded = KnownProfiles.loader().load(file);
        var now = java.time.Instant.now();
        return switch (loaded) {
            case ConfigLoadResult.Invalid invalid -> {
                List<String> problems = invalid.problems().stream().map(Object::toString).toList();
                log.warn("Configuration {} rejected, keeping the last good one: {}", file, problems);
                daemon.events().emit(Event.general(now, EventKind.CONFIG_REJECTED, problems.size()
                        + " problem(s), the last good configuration stays: " + String.join("; ", problems)));
                yield new Outcome.Rejected(problems);
            }
            case ConfigLoadResult.Valid valid -> {
                List<String> changes;
                try {
                    changes = daemon.replace(valid.config(), valid.credentials());
                } catch (RuntimeException e) {
                    log.error("Configuration {} could not be applied", file, e);
                    daemon.events().emit(Event.general(now, EventKind.CONFIG_REJECTED,
                            "could not be applied: " + e.getMessage()));
                    yield new Outcome.Rejected(List.of(file + ": " + e.getMessage()));
                }
                daemon.events().emit(Event.general(now, EventKind.CONFIG_APPLIED, changes.isEmpty()
                        ? "no change" : String.join("; ", changes)));
                yield new Outcome.Applied(changes);
            }
        };
    }

    /** Reloads on SIGHUP (where the platform has it). */
    public void reloadOnHangup() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> Thread.ofVirtual().start(this::reload));
        } catch (IllegalArgumentException e) {
            log.info("No SIGHUP on this platform; reload with the admin API or by editing the file");
        }
    }

    /** Reloads when the configuration or credentials file changes (watching their folders). */
    public void reloadOnFileChange() {
        Path credentials = daemon.config().credentialsFile().toAbsolutePath();
        Set<Path> watched = Set.of(file, credentials);
        try {
            watchService = FileSystems.getDefault().newWatchService();
            for (Path folder : new java.util.HashSet<>(List.of(file.getParent(), credentials.getParent()))) {
                folder.register(watchService, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_CREATE);
            }
        } catch (IOException e) {
            log.warn("Cannot watch {} for changes ({}); reload with SIGHUP or the admin API", file, e.toString());
            return;
        }
        watcher = Thread.ofPlatform().daemon().name("config-watch").start(() -> watch(watched));
    }

    private void watch(Set<Path> watched) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = watchService.take();
                boolean ours = false;
                for (var event : key.pollEvents()) {
                    if (event.context() instanceof Path name
                            && watched.contains(((Path) key.watchable()).resolve(name).toAbsolutePath())) {
                        ours = true;
                    }
                }
                key.reset();
                if (ours) {
                    Thread.sleep(300); // editors write in several steps: let the file settle
                    watchService.poll(); // drop the rest of the burst
                    reload();
                }
            }
        } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        Thread thread = watcher;
        if (thread != null) {
            thread.interrupt();
        }
        try {
            if (watchService != null) {
                watchService.close();
            }
        } catch (IOException e) {
            log.debug("closing the config watch", e);
        }
    }
}
