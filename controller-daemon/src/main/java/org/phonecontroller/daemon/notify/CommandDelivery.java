package org.phonecontroller.daemon.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> keepTail(process.getInputStream(), output));
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
            String tail;
            synchronized (output) {
                tail = output.toString().strip();
            }
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

    private static void keepTail(InputStream in, StringBuilder output) {
        byte[] buffer = new byte[4096];
        try (in) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                synchronized (output) {
                    output.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    if (output.length() > KEEP_OUTPUT) {
                        output.delete(0, output.length() - KEEP_OUTPUT);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended; what was read is kept
        }
    }
}
