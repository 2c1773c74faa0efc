package org.phonecontroller.it.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.phonecontroller.daemon.adapters.DefaultProtocolFactory;
import org.phonecontroller.daemon.cli.Phonectl;

/**
 * One {@code phonectl daemon} process of a test cluster, from the test's class path, in its own folder (its own
 * controller.yaml with its own admin port, token and logs); every node has the same storage URL.
 */
final class ClusterNodeProcess implements AutoCloseable {

    private final Path folder;
    private final Path config;
    private final Process process;

    private ClusterNodeProcess(Path folder, Path config, Process process) {
        this.folder = folder;
        this.config = config;
        this.process = process;
    }

    /**
     * Starts a node.
     *
     * @param controllerYaml the configuration with {@code %ADMIN_PORT%} where this node's admin port goes
     */
    static ClusterNodeProcess start(Path folder, String controllerYaml, String credentialsYaml, int labHttpPort)
            throws IOException {
        Files.createDirectories(folder);
        Path credentials = folder.resolve("credentials.yaml");
        Files.writeString(credentials, credentialsYaml);
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        Path config = folder.resolve("controller.yaml");
        Files.writeString(config, controllerYaml.replace("%ADMIN_PORT%",
                Integer.toString(ClusterLab.freeTcpPort())));
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
                "-D" + DefaultProtocolFactory.HTTP_PORT_PROPERTY + "=" + labHttpPort, "-cp", classPath,
                Phonectl.class.getName(), "daemon", "--config", config.toString(),
                "--logs", folder.resolve("logs").toString()));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("daemon.out").toFile()).start();
        return new ClusterNodeProcess(folder, config, process);
    }

    /** Runs a client command ({@code status --json}, …) against this node; returns its standard output. */
    String phonectl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        int exit = Phonectl.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("phonectl " + all + " exited " + exit + ": " + err);
        }
        return out.toString();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** kill -9: no shutdown hook, no clean stop, in the middle of whatever it does. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    Path folder() {
        return folder;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
