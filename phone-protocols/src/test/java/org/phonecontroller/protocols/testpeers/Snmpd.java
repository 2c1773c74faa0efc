package org.phonecontroller.protocols.testpeers;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** net-snmp's snmpd as an SNMP v2c agent at one loopback address and port, with a given sysDescr/sysObjectID. */
public final class Snmpd extends ExternalPeer {

    private Snmpd(String name, List<String> command, Path dir) throws IOException {
        super(name, command, dir);
    }

    private Snmpd(String name, List<String> command, Path dir, java.util.Map<String, String> environment)
            throws IOException {
        super(name, command, dir, environment);
    }

    /**
     * snmpd answering only the SNMPv3 user {@code user} (authPriv: SHA-256 and AES-128, passwords of at least 8
     * characters), e.g. a PBX monitored over SNMPv3.
     */
    public static Snmpd startV3(InetAddress ip, int port, String user, String authPassword, String privPassword)
            throws IOException {
        String binary = requireBinary("snmpd", "snmpd");
        String host = ip.getHostAddress();
        Path dir = Path.of("target", "peers", "snmpd-v3-" + host + "-" + port).toAbsolutePath();
        Path persist = Files.createDirectories(dir.resolve("persist"));
        Path conf = dir.resolve("snmpd.conf");
        Files.writeString(conf, """
                createUser %s SHA-256 "%s" AES "%s"
                rouser %s priv
                sysDescr SNMPv3 test agent
                """.formatted(user, authPassword, privPassword, user));
        return new Snmpd("snmpd-v3-" + host + "-" + port, List.of(binary, "-f", "-Lo", "-C", "-c", conf.toString(),
                "-p", dir.resolve("snmpd.pid").toString(), "udp:" + host + ":" + port), dir,
                java.util.Map.of("SNMP_PERSISTENT_DIR", persist.toString(), "MIBS", ""));
    }

    public static Snmpd start(InetAddress ip, int port, String community, String sysDescr, String sysObjectId)
            throws IOException {
        String binary = requireBinary("snmpd", "snmpd");
        String host = ip.getHostAddress();
        Path dir = Path.of("target", "peers", "snmpd-" + host + "-" + port).toAbsolutePath();
        Files.createDirectories(dir);
        Path conf = dir.resolve("snmpd.conf");
        Files.writeString(conf, """
                rocommunity %s default
                sysDescr %s
                sysObjectID %s
                sysServices 72
                """.formatted(community, sysDescr, sysObjectId));
        return new Snmpd("snmpd-" + host + "-" + port, List.of(binary, "-f", "-Lo", "-C", "-c", conf.toString(),
                "-p", dir.resolve("snmpd.pid").toString(), "--persistentDir=" + dir, "udp:" + host + ":" + port), dir);
    }
}
