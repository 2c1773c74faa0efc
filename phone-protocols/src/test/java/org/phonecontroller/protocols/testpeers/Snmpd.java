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
