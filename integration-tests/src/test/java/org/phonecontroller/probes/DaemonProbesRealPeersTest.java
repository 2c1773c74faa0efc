package org.phonecontroller.probes;

import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.config.ConfigLoadResult;
import org.phonecontroller.daemon.runtime.Daemon;
import org.phonecontroller.daemon.adapters.DefaultProbeFactory;
import org.phonecontroller.daemon.adapters.DefaultProtocolFactory;
import org.phonecontroller.daemon.config.KnownProfiles;
import org.phonecontroller.daemon.health.HealthState;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.testpeers.Kamailio;
import org.phonecontroller.protocols.testpeers.Loopback;
import org.phonecontroller.protocols.testpeers.SelfSignedCertificate;
import org.phonecontroller.protocols.testpeers.Snmpd;

/**
 * The daemon probes its PhoneManagers as configured, against real peers: a Kamailio over TLS trusted through
 * {@code tls: { trust: FILE.pem }} stays UP round after round and goes DOWN when killed; one pinned to another
 * certificate is DOWN; an snmpd that answers only an SNMPv3 user is UP with the PhoneManager's {@code credentials:}.
 */
class DaemonProbesRealPeersTest {

    @TempDir
    Path folder;
    Kamailio kamailio;
    Snmpd snmpd;
    Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (kamailio != null) {
            kamailio.close();
        }
        if (snmpd != null) {
            snmpd.close();
        }
    }

    @Test
    void probesTlsAndSnmpPhoneManagersWithTheirTrustAndCredentials() throws Exception {
        InetAddress pbx = Loopback.randomAddress(62);
        SelfSignedCertificate certificate = SelfSignedCertificate.create(pbx);
        Files.copy(certificate.certificate(), folder.resolve("pbx.pem"));
        kamailio = Kamailio.startWithTls(pbx, Loopback.freePort(pbx), certificate);
        InetAddress monitor = Loopback.randomAddress(62);
        int snmpPort = Loopback.freePort(monitor);
        snmpd = Snmpd.startV3(monitor, snmpPort, "pbxmon", "Pbx-Auth-Secret-62", "Pbx-Priv-Secret-62");
        Path credentials = folder.resolve("credentials.yaml");
        Files.writeString(credentials, """
                pbx-monitor:
                  snmp: { version: 3, user: pbxmon, authProtocol: SHA-256, authPassword: "Pbx-Auth-Secret-62",
                          privProtocol: AES-128, privPassword: "Pbx-Priv-Secret-62" }
                default:
                  snmp: { version: 2c, community: "phones-62" }
                """);
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        Path config = folder.resolve("controller.yaml");
        Files.writeString(config, """
                phoneManagers:
                  pm-tls:   { address: "%1$s", transport: tls, tls: { trust: pbx.pem } }
                  pm-snmp:  { address: "%2$s:5060", probe: snmp, probePort: %3$d, credentials: pbx-monitor }
                  pm-other: { address: "%1$s", transport: tls, tls: { trust: "sha256:%4$s" } }
                ranges:
                  - name: lab-62
                    addresses: [127.62.250.1-127.62.250.4]
                    primary: pm-tls
                    fallback: pm-snmp
                    protocols: [snmp:sip-ua-generic]
                probe:    { interval: 150ms, timeout: 140ms, failuresToDown: 3, successesToUp: 2 }
                storage:  { url: "jdbc:h2:file:%5$s" }
                credentialsFile: credentials.yaml
                """.formatted(kamailio.tlsAddress(), monitor.getHostAddress(), snmpPort, "00".repeat(32),
                folder.resolve("data/phonecontroller")));
        var loaded = (ConfigLoadResult.Valid) KnownProfiles.loader().load(config);

        daemon = Daemon.start(new Daemon.Options(config, folder.resolve("logs"), new DefaultProbeFactory(),
                new DefaultProtocolFactory(loaded.config()), TimeSource.system(), Duration.ofMillis(500)));

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .alias("pm-tls and pm-snmp UP; kamailio:\n" + kamailio.output() + "\nsnmpd:\n" + snmpd.output())
                .until(() -> daemon.health().state("pm-tls") == HealthState.UP
                        && daemon.health().state("pm-snmp") == HealthState.UP);
        await().atMost(Duration.ofSeconds(5)).until(() -> daemon.health().state("pm-other") == HealthState.DOWN);
        // A single slow answer on this shared machine may make one SUSPECT for a round; DOWN would be a false
        // failover, which is what this proves never happens.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(50))
                .alias("pm-tls and pm-snmp never DOWN over ~25 probe rounds")
                .until(() -> daemon.health().state("pm-tls") != HealthState.DOWN
                        && daemon.health().state("pm-snmp") != HealthState.DOWN
                        && daemon.health().state("pm-other") == HealthState.DOWN);
        await().atMost(Duration.ofSeconds(3)).until(() -> daemon.health().state("pm-tls") == HealthState.UP
                && daemon.health().state("pm-snmp") == HealthState.UP);

        kamailio.kill();

        await().atMost(Duration.ofSeconds(5)).until(() -> daemon.health().state("pm-tls") == HealthState.DOWN);
    }
}
