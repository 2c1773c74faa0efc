package org.phonecontroller.diagnostics;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.phonecontroller.protocols.testpeers.ExternalPeer;

/**
 * A "phone" made of net-snmp's snmpd: SNMPv3 authPriv only (SHA / AES-128), a Cisco sysObjectID, and the writable
 * CISCO-SIP-UA-MIB registrar objects kept by phone-protocols' {@code pass-persist-store.sh}. It listens on
 * {@code ADDRESS:161}, the port the controller asks phones on.
 */
final class SnmpdPhone extends ExternalPeer {

    static final String USER = "diaguser";
    static final String AUTH_PASSWORD = "diag-auth-pass-45";
    static final String PRIV_PASSWORD = "diag-priv-pass-45";
    static final String PRIMARY_REGISTRAR = "1.3.6.1.4.1.9.9.152.1.1.1.23.0";
    static final String SECONDARY_REGISTRAR = "1.3.6.1.4.1.9.9.152.1.1.1.27.0";
    private static final String CISCO_SIP_UA = "1.3.6.1.4.1.9.9.152.1.1.1";
    /** phone-protocols' object store, reused from its test resources (the module folder is the working dir). */
    private static final Path STORE_SCRIPT = Path.of("..", "phone-protocols", "src", "test", "resources", "snmpd",
            "pass-persist-store.sh");

    final String host;

    private SnmpdPhone(String host, List<String> command, Path dir, Map<String, String> environment)
            throws IOException {
        super("snmpd-" + host, command, dir, environment);
        this.host = host;
    }

    /** An agent whose registrars are {@code primary} and {@code secondary} ({@code HOST:PORT}). */
    static SnmpdPhone start(String host, Path folder, String primary, String secondary) throws IOException {
        String binary = requireBinary("snmpd", "snmpd");
        if (!Files.isRegularFile(STORE_SCRIPT)) {
            throw new IllegalStateException("pass_persist store not found at " + STORE_SCRIPT.toAbsolutePath());
        }
        Path dir = folder.resolve("snmpd-" + host).toAbsolutePath();
        Path state = Files.createDirectories(dir.resolve("state"));
        Path persist = Files.createDirectories(dir.resolve("persist"));
        Path script = dir.resolve("pass-persist-store.sh");
        Files.copy(STORE_SCRIPT, script);
        script.toFile().setExecutable(true);
        Files.writeString(state.resolve(PRIMARY_REGISTRAR), "string\nipv4:" + primary + "\n");
        Files.writeString(state.resolve(SECONDARY_REGISTRAR), "string\nipv4:" + secondary + "\n");
        Path conf = dir.resolve("snmpd.conf");
        Files.writeString(conf, String.join("\n",
                "sysObjectID 1.3.6.1.4.1.9.1.1348",
                "sysDescr Cisco IP Phone CP-7945G, SIP 9.4(2)",
                "createUser " + USER + " SHA \"" + AUTH_PASSWORD + "\" AES \"" + PRIV_PASSWORD + "\"",
                "rwuser " + USER + " priv",
                "pass_persist ." + CISCO_SIP_UA + " " + script + " " + state + " " + CISCO_SIP_UA,
                ""));
        var phone = new SnmpdPhone(host, List.of(binary, "-f", "-Lo", "-C", "-c", conf.toString(),
                "udp:" + host + ":161"), dir, Map.of("SNMP_PERSISTENT_DIR", persist.toString(), "MIBS", ""));
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!phone.isAlive()) {
                    throw new IllegalStateException("snmpd at " + host + " exited: " + phone.output());
                }
                return phone.output().contains("NET-SNMP version");
            });
            // Ready once the registrar objects answer: the pass_persist store starts with the first request.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .alias("snmpd at " + host + " answers for its registrar; its output:\n" + phone.output())
                    .until(() -> phone.primaryRegistrar().equals("ipv4:" + primary));
        } catch (RuntimeException e) {
            phone.close();
            throw e;
        }
        return phone;
    }

    /** The object read with net-snmp's own {@code snmpget} (SNMPv3 authPriv), e.g. {@code ipv4:127.45.0.10:5060}. */
    String snmpget(String oid) throws IOException, InterruptedException {
        Process get = new ProcessBuilder(requireBinary("snmpget", "snmp"), "-v3", "-l", "authPriv", "-u", USER,
                "-a", "SHA", "-A", AUTH_PASSWORD, "-x", "AES", "-X", PRIV_PASSWORD, "-Oqv", "-t", "2", "-r", "1",
                "udp:" + host + ":161", oid).redirectErrorStream(true).start();
        get.getOutputStream().close();
        String text = new String(get.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!get.waitFor(15, TimeUnit.SECONDS) || get.exitValue() != 0) {
            throw new IOException("snmpget " + oid + " at " + host + " failed: " + text);
        }
        return text.replace("\"", "");
    }

    /** The first registrar, as snmpget reads it. */
    String primaryRegistrar() throws IOException, InterruptedException {
        return snmpget(PRIMARY_REGISTRAR);
    }

    /** credentials.yaml text for these agents under {@code key}. */
    static String credentials(String key) {
        return key + ":\n  snmp: { version: 3, user: " + USER + ", authProtocol: SHA, authPassword: \"" + AUTH_PASSWORD
                + "\", privProtocol: AES-128, privPassword: \"" + PRIV_PASSWORD + "\" }\n";
    }
}
