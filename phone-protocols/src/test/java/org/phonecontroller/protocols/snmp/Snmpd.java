package org.phonecontroller.protocols.snmp;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real net-snmp {@code snmpd} on a 127.x.y.z address and a free port, with a writable object store
 * ({@code pass-persist-store.sh}) under the CISCO-SIP-UA-MIB registrar objects, SIP-UA-MIB and a test subtree.
 * Closing it kills the process. Missing snmpd skips the test, except with {@code CI=true}, where it fails.
 */
final class Snmpd implements AutoCloseable {

    static final String COMMUNITY = "lab-community";
    static final String V3_USER = "labuser";
    static final String V3_SHA1_USER = "sha1user";
    static final String AUTH_PASSWORD = "auth-pass-123";
    static final String PRIV_PASSWORD = "priv-pass-123";
    /** A test subtree (NET-SNMP-MIB's netSnmpPlaypen) for objects no real MIB has, e.g. a call state. */
    static final String PLAYPEN = "1.3.6.1.4.1.8072.9999.9999";

    final InetAddress address;
    final int port;
    final Path state;
    private final Process process;
    private final Path log;

    private Snmpd(InetAddress address, int port, Path state, Process process, Path log) {
        this.address = address;
        this.port = port;
        this.state = state;
        this.process = process;
        this.log = log;
    }

    static Snmpd start(Path dir, String sysObjectId, String sysDescr) throws IOException {
        Path snmpd = executable();
        if (Files.exists(dir)) { // a directory left by an earlier run with the same pid
            try (var old = Files.walk(dir)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        Path state = Files.createDirectories(dir.resolve("state"));
        Path persist = Files.createDirectories(dir.resolve("persist"));
        Path script = dir.resolve("pass-persist-store.sh");
        try (var in = Snmpd.class.getResourceAsStream("/snmpd/pass-persist-store.sh")) {
            Files.write(script, in.readAllBytes());
        }
        script.toFile().setExecutable(true);
        InetAddress address = InetAddress.getByName("127.31." + ThreadLocalRandom.current().nextInt(1, 250) + "."
                + ThreadLocalRandom.current().nextInt(2, 250));
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(address, 0))) {
            port = probe.getLocalPort();
        }
        String conf = String.join("\n",
                "rwcommunity " + COMMUNITY + " 127.0.0.0/8",
                "sysObjectID " + sysObjectId,
                "sysDescr " + sysDescr,
                "createUser " + V3_USER + " SHA-256 \"" + AUTH_PASSWORD + "\" AES \"" + PRIV_PASSWORD + "\"",
                "createUser " + V3_SHA1_USER + " SHA \"" + AUTH_PASSWORD + "\" AES \"" + PRIV_PASSWORD + "\"",
                "rwuser " + V3_USER + " priv",
                "rwuser " + V3_SHA1_USER + " priv",
                // one user per further USM combination
                "createUser u-sha512-aes256 SHA-512 \"" + AUTH_PASSWORD + "\" AES-256 \"" + PRIV_PASSWORD + "\"",
                "createUser u-sha384-aes192 SHA-384 \"" + AUTH_PASSWORD + "\" AES-192 \"" + PRIV_PASSWORD + "\"",
                "createUser u-sha224-des SHA-224 \"" + AUTH_PASSWORD + "\" DES \"" + PRIV_PASSWORD + "\"",
                "createUser u-md5-nopriv MD5 \"" + AUTH_PASSWORD + "\"",
                "createUser u-noauth",
                "rwuser u-sha512-aes256 priv",
                "rwuser u-sha384-aes192 priv",
                "rwuser u-sha224-des priv",
                "rwuser u-md5-nopriv auth",
                "rwuser u-noauth noauth",
                "pass_persist .1.3.6.1.4.1.9.9.152.1.1.1 " + script + " " + state + " 1.3.6.1.4.1.9.9.152.1.1.1",
                "pass_persist .1.3.6.1.2.1.150 " + script + " " + state + " 1.3.6.1.2.1.150",
                "pass_persist ." + PLAYPEN + " " + script + " " + state + " " + PLAYPEN,
                "");
        Path confFile = dir.resolve("snmpd.conf");
        Files.writeString(confFile, conf);
        Path log = dir.resolve("snmpd.log");
        ProcessBuilder pb = new ProcessBuilder(snmpd.toString(), "-f", "-Lo", "-C", "-c", confFile.toString(),
                "udp:" + address.getHostAddress() + ":" + port);
        pb.environment().put("SNMP_PERSISTENT_DIR", persist.toString());
        pb.environment().put("MIBS", "");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = pb.start();
        Snmpd started = new Snmpd(address, port, state, process, log);
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("snmpd exited: " + Files.readString(log));
                }
                return Files.readString(log).contains("NET-SNMP version");
            });
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** Stores an object: type is string, integer, ipaddress or octet (hex bytes "7F 00 00 01"). */
    void put(String oid, String type, String value) {
        try {
            Files.writeString(state.resolve(oid), type + "\n" + value + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String valueOf(String oid) {
        try {
            List<String> lines = Files.readAllLines(state.resolve(oid));
            return lines.size() < 2 ? "" : lines.get(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void mark(String oid, String marker) {
        try {
            Files.writeString(state.resolve(oid + "." + marker), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path executable() {
        for (String candidate : List.of("/usr/sbin/snmpd", "/usr/local/sbin/snmpd", "/usr/bin/snmpd")) {
            if (Files.isExecutable(Paths.get(candidate))) {
                return Paths.get(candidate);
            }
        }
        String message = "net-snmp snmpd is not installed (Debian package snmpd; scripts/install-test-peers)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "snmpd at " + address.getHostAddress() + ":" + port + " (log " + log + ")";
    }
}
