package org.phonecontroller.diagnostics;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * A real peer process (Kamailio, snmpd) started by a test, with its whole process tree: it can be killed, hung
 * ({@code SIGSTOP}) and resumed, and {@link #close()} always resumes and kills it. The minimal part of
 * phone-protocols' {@code testpeers.ExternalPeer}, whose test classes this module cannot see.
 */
class PeerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    PeerProcess(String name, List<String> command, Path workDir, java.util.Map<String, String> environment)
            throws IOException {
        this.name = name;
        Files.createDirectories(workDir);
        this.log = workDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        this.process = builder.start();
    }

    /** The binary's path; without it the test is skipped, except with {@code CI=true}, where it fails. */
    static String requireBinary(String binary, String debianPackage) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin")) {
            File f = new File(dir, binary);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        String message = binary + " is not installed (Debian package " + debianPackage
                + "; run scripts/install-test-peers)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** SIGKILL to the tree, and waits until every process is gone (a child still exiting holds the sockets). */
    void kill() {
        var tree = new ArrayList<ProcessHandle>(process.descendants().toList());
        tree.add(process.toHandle());
        signal("KILL");
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(name + ": process " + p.pid() + " still alive 5 s after SIGKILL", e);
            }
        }
    }

    /** SIGSTOP: sockets stay open, nothing answers. */
    void hang() {
        signal("STOP");
    }

    void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        var command = new ArrayList<>(List.of("kill", "-" + signal));
        process.descendants().forEach(p -> command.add(Long.toString(p.pid())));
        command.add(Long.toString(process.pid()));
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
    }

    @Override
    public String toString() {
        return name;
    }
}
