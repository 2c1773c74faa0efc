package org.phonecontroller.scenarios;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.phonecontroller.daemon.adapters.DefaultProtocolFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code phonectl daemon} process, started from this test JVM's classpath in its own folder (controller.yaml,
 * credentials.yaml mode 0600, profiles/, data/ with a fresh H2 inventory, logs/), as an admin would run it. It can
 * be stopped (SIGTERM), killed (SIGKILL) and started again on the same folder; {@code phonectl} client commands
 * run as processes too, against its admin API. An optional command prefix (e.g. {@code ip netns exec NS}) runs the
 * daemon and its client commands somewhere else, such as a network namespace of their own; the prefix must exec
 * the command, so the process started is the daemon's JVM.
 */
final class DaemonProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonProcess.class);
    private static final String READY = "phonectl daemon running";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private final Path folder;
    private final int adminPort;
    private final int phoneHttpPort;
    private final List<String> commandPrefix;
    private Process process;
    private int starts;

    private DaemonProcess(Path folder, int adminPort, int phoneHttpPort, List<String> commandPrefix) {
        this.folder = folder;
        this.adminPort = adminPort;
        this.phoneHttpPort = phoneHttpPort;
        this.commandPrefix = List.copyOf(commandPrefix);
    }

    /**
     * Writes the configuration into {@code folder} and starts the daemon there, talking HTTP to the lab's phones on
     * the lab's port; returns once it runs.
     */
    static DaemonProcess start(Path folder, ControllerSetup setup, ScenarioLab lab) {
        return start(folder, setup, lab, List.of());
    }

    /**
     * As {@link #start(Path, ControllerSetup, ScenarioLab)}, with every command of this daemon (itself and its
     * {@code phonectl} clients) run behind {@code commandPrefix}.
     */
    static DaemonProcess start(Path folder, ControllerSetup setup, ScenarioLab lab, List<String> commandPrefix) {
        DaemonProcess daemon = new DaemonProcess(folder, freeTcpPort(), lab.httpPort(), commandPrefix);
        daemon.writeConfiguration(setup);
        daemon.start();
        return daemon;
    }

    /** Rewrites controller.yaml (and the rest) in place, e.g. for a reload; the admin port stays. */
    void writeConfiguration(ControllerSetup setup) {
        try {
            Files.createDirectories(folder.resolve("profiles"));
            for (var profile : setup.profiles().entrySet()) {
                Files.writeString(folder.resolve("profiles").resolve(profile.getKey()), profile.getValue());
            }
            Path credentials = folder.resolve("credentials.yaml");
            if (!Files.exists(credentials)) {
                Files.createFile(credentials, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(credentials, setup.credentials());
            writeControllerYaml(setup.controllerYaml(adminPort));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the daemon's configuration into " + folder, e);
        }
    }

    /** The controller.yaml of this setup for this daemon (its admin port). */
    String controllerYaml(ControllerSetup setup) {
        return setup.controllerYaml(adminPort);
    }

    /** Replaces controller.yaml with this text (atomically, so a watching daemon never reads half a file). */
    void writeControllerYaml(String text) {
        try {
            Path tmp = folder.resolve("controller.yaml.tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, config(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config(), e);
        }
    }

    /** Starts the daemon (again) on this folder and waits until it says it runs. */
    void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the daemon already runs (pid " + process.pid() + ")");
        }
        starts++;
        Path out = folder.resolve("daemon-" + starts + ".out");
        List<String> command = new ArrayList<>(commandPrefix);
        command.addAll(List.of(javaExecutable(), "-Xmx256m",
                "-D" + DefaultProtocolFactory.HTTP_PORT_PROPERTY + "=" + phoneHttpPort, "-cp",
                System.getProperty("java.class.path"), "org.phonecontroller.daemon.cli.Phonectl", "daemon",
                "--config", config().toString()));
        try {
            process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        LOG.info("daemon started in {} (pid {}, admin port {}){}", folder, process.pid(), adminPort,
                commandPrefix.isEmpty() ? "" : " behind " + String.join(" ", commandPrefix));
        await("the daemon to say '" + READY + "' in " + out).atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the daemon exited with " + process.exitValue() + ":\n"
                                + Files.readString(out));
                    }
                    return Files.readString(out).contains(READY);
                });
    }

    /** SIGTERM, as systemd stops the service; waits until it has exited and returns its exit code. */
    int stop() {
        if (process == null || !process.isAlive()) {
            return process == null ? -1 : process.exitValue();
        }
        process.destroy();
        return waitForExit(Duration.ofSeconds(60));
    }

    /** SIGKILL: no shutdown hook, no clean close of anything. */
    void kill9() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Sends SIGHUP (reload the configuration). */
    void hangup() {
        run(List.of("kill", "-HUP", Long.toString(process.pid())), 0, Duration.ofSeconds(10));
    }

    private int waitForExit(Duration atMost) {
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("daemon pid {} did not exit within {}; killing it", process.pid(), atMost);
                process.destroyForcibly();
                process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for the daemon to exit", e);
        }
    }

    /** Runs {@code phonectl ARGS --config controller.yaml} as a process and captures what it printed. */
    CommandResult phonectl(String... args) {
        List<String> command = new ArrayList<>(commandPrefix);
        command.addAll(List.of(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                "org.phonecontroller.daemon.cli.Phonectl"));
        command.addAll(Arrays.asList(args));
        command.addAll(List.of("--config", config().toString()));
        return run(command, commandPrefix.size(), COMMAND_TIMEOUT);
    }

    /** Runs a command; what results and messages show of it leaves out the first {@code hidden} words. */
    private CommandResult run(List<String> fullCommand, int hidden, Duration timeout) {
        List<String> command = fullCommand.subList(hidden, fullCommand.size());
        try {
            Path out = Files.createTempFile(folder, "cmd", ".out");
            Path err = Files.createTempFile(folder, "cmd", ".err");
            Process p = new ProcessBuilder(fullCommand).directory(folder.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException("still running after " + timeout + ": " + command.subList(3,
                        command.size()) + "\n" + Files.readString(out) + Files.readString(err));
            }
            CommandResult result = new CommandResult(command.subList(Math.min(3, command.size() - 1), command.size()),
                    p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + fullCommand, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + fullCommand, e);
        }
    }

    EventsJournal events() {
        return new EventsJournal(folder.resolve("logs").resolve("events.jsonl"));
    }

    Path folder() {
        return folder;
    }

    Path config() {
        return folder.resolve("controller.yaml");
    }

    /** The console output of every start so far, for assertion messages. */
    String console() {
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= starts; i++) {
            try {
                all.append("--- daemon-").append(i).append(".out\n")
                        .append(Files.readString(folder.resolve("daemon-" + i + ".out")));
            } catch (IOException e) {
                all.append("(unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        return all.toString();
    }

    @Override
    public void close() {
        int code = stop();
        LOG.info("daemon in {} stopped with exit code {}", folder, code);
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("cannot tell which java runs this test"));
    }

    static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
