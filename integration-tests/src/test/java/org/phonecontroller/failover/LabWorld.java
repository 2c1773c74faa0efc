package org.phonecontroller.failover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.phonecontroller.lab.LabConfigException;
import org.phonecontroller.lab.LabConfigLoader;
import org.phonecontroller.lab.LabViews;
import org.phonecontroller.lab.PhoneLab;

/**
 * A lab of 1,000 mixed phones (Polycom REST, Cisco SNMP, Snom, Grandstream) on 127.33.0.0/16 with two PhoneManagers,
 * and the controller configuration that covers it.
 */
final class LabWorld {

    static final String PRIMARY = "127.33.0.10";
    static final String FALLBACK = "127.33.1.10";
    static final int PHONES = 1000;

    private LabWorld() {
    }

    static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PhoneLab startLab(int httpPort) {
        String yaml = """
                seed: 33
                httpPort: %d
                timers: { registerExpires: 60s, registerTimeout: 2s, startupSpread: 500ms }
                phoneManagers: { pm-a: %s:5060, pm-b: %s:5060 }
                phones:
                  - { addresses: 127.33.16.0/23, count: 400, vendor: polycom-rest, registeredTo: pm-a, backup: pm-b,
                      http: { user: Polycom, password: lab } }
                  - { addresses: 127.33.32.0/24, count: 200, vendor: snmp-cisco-sip-ua, registeredTo: pm-a,
                      snmp: { community: lab } }
                  - { addresses: 127.33.48.0/24, count: 200, vendor: snom, registeredTo: pm-a,
                      http: { user: admin, password: lab } }
                  - { addresses: 127.33.56.0/24, count: 200, vendor: grandstream, registeredTo: pm-a, backup: pm-b,
                      http: { user: admin, password: lab } }
                """.formatted(httpPort, PRIMARY, FALLBACK);
        try {
            return PhoneLab.start(new LabConfigLoader().parse("failover-lab.yaml", yaml));
        } catch (LabConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Writes controller.yaml and credentials.yaml into {@code folder}; returns the configuration file. */
    static Path writeConfig(Path folder, String failback) throws IOException {
        Path credentials = folder.resolve("credentials.yaml");
        Files.writeString(credentials, """
                polycom: { http: { user: Polycom, password: lab } }
                cisco: { snmp: { version: 2c, community: lab } }
                snom: { http: { user: admin, password: lab } }
                grandstream: { http: { user: admin, password: lab } }
                """);
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        Path config = folder.resolve("controller.yaml");
        Files.writeString(config, """
                phoneManagers:
                  pm-a: { address: %s:5060, transport: udp, probe: sip-options }
                  pm-b: { address: %s:5060, transport: udp, probe: sip-options }
                ranges:
                  - { name: polycom, addresses: [127.33.16.0/23], primary: pm-a, fallback: pm-b,
                      protocols: [polycom-rest], credentials: polycom }
                  - { name: cisco, addresses: [127.33.32.0/24], primary: pm-a, fallback: pm-b,
                      protocols: ["snmp:cisco-sip-ua"], credentials: cisco }
                  - { name: snom, addresses: [127.33.48.0/24], primary: pm-a, fallback: pm-b,
                      protocols: [snom-http], credentials: snom }
                  - { name: grandstream, addresses: [127.33.56.0/24], primary: pm-a, fallback: pm-b,
                      protocols: [grandstream-http], credentials: grandstream }
                probe:    { interval: 200ms, timeout: 150ms, failuresToDown: 3, successesToUp: 3 }
                failover: { maxInFlight: 64, maxPerSecond: 1000, failback: %s }
                scan:     { ratePerSecond: 3000, timeout: 2s, retries: 1 }
                storage:  { url: "jdbc:h2:file:%s" }
                admin:    { listen: 127.0.0.1:%d, tokenFile: data/admin.token }
                credentialsFile: credentials.yaml
                """.formatted(PRIMARY, FALLBACK, failback, folder.resolve("data/phonecontroller"), freeTcpPort()));
        return config;
    }

    /** How many phones have each server configured first, by host. */
    static Map<String, Integer> firstServers(PhoneLab lab) {
        Map<String, Integer> counts = new TreeMap<>();
        List<LabViews.PhoneView> phones = lab.phones(new LabViews.PhoneFilter(java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), Integer.MAX_VALUE));
        for (LabViews.PhoneView phone : phones) {
            String first = phone.servers().isEmpty() ? "none" : phone.servers().get(0);
            counts.merge(first.substring(0, first.lastIndexOf(':')), 1, Integer::sum);
        }
        return counts;
    }

    /** How many phones are registered at each PhoneManager. */
    static Map<String, Integer> registered(PhoneLab lab) {
        return lab.summary().registeredPerPhoneManager();
    }
}
