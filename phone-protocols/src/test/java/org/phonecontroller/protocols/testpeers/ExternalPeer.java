package org.phonecontroller.protocols.testpeers;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real peer process (Kamailio, SIPp, snmpd) started by a test, with its whole process tree: it can be killed,
 * hung ({@code SIGSTOP}) and resumed, and {@link #close()} always resumes and kills every process of the tree.
 */
public class ExternalPeer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalPeer.class);

    private final String name;
    private final Process process;
    private final Path log;

    protected ExternalPeer(String name, List<String> command, Path workDir) throws IOException {
        this(name, command, workDir, java.util.Map.of());
    }

    protected ExternalPeer(String name, List<String> command, Path workDir, java.util.Map<String, String> environment)
            throws IOException {
        this.name = name;
        Files.createDirectories(workDir);
        this.log = workDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        this.process = builder.start();
        LOG.info("started {} (pid {}): {}", name, process.pid(), String.join(" ", command));
    }

    /**
     * The path of a binary, or aborts the test with a loud message when it is missing and {@code CI} is not
     * {@code true}; on CI a missing binary fails the test.
     */
    public static String requireBinary(String binary, String debianPackage) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin")) {
            File f = new File(dir, binary);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        String message = "!!! " + binary + " is not installed (Debian package " + debianPackage
                + "; run scripts/install-test-peers): SKIPPING this interop test !!!";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message.replace("SKIPPING", "FAILING on CI"));
        }
        LOG.warn(message);
        System.err.println(message);
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The peer's output so far, for failure messages. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** SIGKILL to every process of the tree: sockets close, the kernel answers with ICMP/RST from now on. */
    public void kill() {
        var tree = new ArrayList<ProcessHandle>(process.descendants().toList());
        tree.add(process.toHandle());
        signal("KILL");
        // Every process of the tree must be gone: a child still exiting holds the sockets open.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(name + ": process " + p.pid() + " still alive 5 s after SIGKILL", e);
            }
        }
    }

    /** SIGSTOP: sockets stay open, nothing answers. */
    public void hang() {
        signal("STOP");
    }

    /** SIGCONT after {@link #hang()}. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        var pids = new ArrayList<String>();
        process.descendants().forEach(p -> pids.add(Long.toString(p.pid())));
        pids.add(Long.toString(process.pid()));
        var command = new ArrayList<String>(List.of("kill", "-" + signal));
        command.addAll(pids);
        try {
            new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot send SIG" + signal + " to " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            resume();
            kill();
        }
        process.destroyForcibly();
        LOG.info("stopped {}", name);
    }

    @Override
    public String toString() {
        return name;
    }
}
