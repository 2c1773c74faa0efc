package org.phonecontroller.daemon.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * net-snmp's {@code snmptrapd} (Debian package snmptrapd) in the foreground on a loopback address, logging every
 * notification it accepts to a file with numeric OIDs. Accepts v2c traps with one community and v3 informs of one
 * user.
 */
final class SnmpTrapReceiver implements AutoCloseable {
    private final Process process;
    private final Path log;

    SnmpTrapReceiver(Path folder, String address, String community, String v3Line) {
        try {
            Path conf = folder.resolve("snmptrapd.conf");
            log = folder.resolve("traps.log");
            Files.writeString(conf, "authCommunity log " + community + "\n" + v3Line + "\n");
            Files.createFile(log);
            process = new ProcessBuilder("snmptrapd", "-f", "-C", "-c", conf.toString(), "-On", "-m", "",
                    "-M", folder.toString(), "-Lf", log.toString(), "-A", "-p", folder.resolve("pid").toString(),
                    "--persistentDir=" + folder, "udp:" + address)
                    .redirectErrorStream(true).redirectOutput(folder.resolve("snmptrapd.out").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start snmptrapd (Debian package snmptrapd)", e);
        }
    }

    /** Waits until snmptrapd says it listens (its log's first line). */
    SnmpTrapReceiver awaitStarted() throws IOException {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> !process.isAlive() || text().contains("NET-SNMP version"));
        if (!process.isAlive()) {
            throw new IllegalStateException("snmptrapd ended: " + text());
        }
        return this;
    }

    String text() throws IOException {
        return Files.readString(log);
    }

    List<String> lines() throws IOException {
        return Files.readAllLines(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
