package org.phonecontroller.daemon.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.phonecontroller.daemon.events.Event;

/**
 * Runs the receiver's program once per event, like Pacemaker's alert agents: the event as JSON on stdin and
 * {@code PHONECONTROLLER_KIND}, {@code _TS}, {@code _RANGE}, {@code _PHONE}, {@code _PHONE_MANAGER},
 * {@code _DETAIL} in the environment. Exit 0 is success; a program still running at the timeout is killed. Never
 * retried (a script may have done half of its work).
 */
final class CommandDelivery implements Delivery {
    private static final int KEEP_OUTPUT = 300;
    private final Path program;

    CommandDelivery(Path program) {
        this.program = program;
    }

    @Override
    public void send(Notification n, Duration timeout) throws DeliveryFailed, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(program.toString()).redirectErrorStream(true);
        environment(pb.environment(), n.event());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new DeliveryFailed("cannot run " + program + ": " + e.getMessage(), false, e);
        }
        OutputTail output = new OutputTail();
        Thread reader = Thread.ofVirtual().start(() -> output.read(process.getInputStream()));
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((n.json() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the program need not read its input (a closed pipe is its business); its exit status says how it went
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new DeliveryFailed(program + " still ran after " + timeout.toMillis() + " ms; killed", false);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
        reader.join(1000);
        if (process.exitValue() != 0) {
            String tail = output.text().strip();
            throw new DeliveryFailed(program + " exited with " + process.exitValue()
                    + (tail.isEmpty() ? "" : ": " + tail), false);
        }
    }

    static void environment(Map<String, String> env, Event e) {
        env.put("PHONECONTROLLER_KIND", e.kind().name());
        env.put("PHONECONTROLLER_TS", e.ts().toString());
        env.put("PHONECONTROLLER_RANGE", e.range());
        env.put("PHONECONTROLLER_PHONE", e.phone());
        env.put("PHONECONTROLLER_PHONE_MANAGER", e.phoneManager());
        env.put("PHONECONTROLLER_DETAIL", e.detail());
    }

    /** The last {@link #KEEP_OUTPUT} characters of the program's output, read on one thread, taken on another. */
    private static final class OutputTail {
        private final ReentrantLock lock = new ReentrantLock();
        private final StringBuilder tail = new StringBuilder();

        void read(InputStream in) {
            byte[] buffer = new byte[4096];
            try (in) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process ended; what was read is kept
            }
        }

        private void append(String text) {
            lock.lock();
            try {
                tail.append(text);
                if (tail.length() > KEEP_OUTPUT) {
                    tail.delete(0, tail.length() - KEEP_OUTPUT);
                }
            } finally {
                lock.unlock();
            }
        }

        String text() {
            lock.lock();
            try {
                return tail.toString();
            } finally {
                lock.unlock();
            }
        }
    }
}
