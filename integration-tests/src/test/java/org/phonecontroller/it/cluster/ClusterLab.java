package org.phonecontroller.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.phonecontroller.lab.LabConfigException;
import org.phonecontroller.lab.LabConfigLoader;
import org.phonecontroller.lab.LabViews;
import org.phonecontroller.lab.PhoneLab;

/**
 * The cluster tests' world on 127.44.0.0/16 (no other test uses it): two PhoneManagers and Polycom phones (one REST
 * call per push, so a phone's config-change count is its push count), and the controller configuration every node
 * of the cluster shares.
 */
final class ClusterLab {

    static final String PRIMARY = "127.44.0.10";
    static final String FALLBACK = "127.44.1.10";
    static final String RANGE = "desk";
    static final String CREDENTIALS = "desk: { http: { user: Polycom, password: lab } }\n";

    private ClusterLab() {
    }

    static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PhoneLab start(int httpPort, int phones) {
        String yaml = """
                seed: 44
                httpPort: %d
                timers: { registerExpires: 60s, registerTimeout: 2s, startupSpread: 300ms }
                phoneManagers: { pm-a: %s:5060, pm-b: %s:5060 }
                phones:
                  - { addresses: 127.44.16.0/24, count: %d, vendor: polycom-rest, registeredTo: pm-a,
                      http: { user: Polycom, password: lab } }
                """.formatted(httpPort, PRIMARY, FALLBACK, phones);
        try {
            return PhoneLab.start(new LabConfigLoader().parse("cluster-lab.yaml", yaml));
        } catch (LabConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The configuration of every node ({@code %ADMIN_PORT%} is filled in per node).
     *
     * @param maxPerSecond the failover's push rate (low to keep a failover running long enough to kill its node)
     * @param scanSchedule the cron of the periodic scan
     * @param checkin      storage.clusterCheckinInterval (ignored on H2)
     */
    static String controllerYaml(String storageUrl, int maxPerSecond, String scanSchedule, String checkin) {
        return """
                phoneManagers:
                  pm-a: { address: %s:5060, transport: udp, probe: sip-options }
                  pm-b: { address: %s:5060, transport: udp, probe: sip-options }
                ranges:
                  - { name: %s, addresses: [127.44.16.0/24], primary: pm-a, fallback: pm-b,
                      protocols: [polycom-rest], credentials: desk }
                probe:    { interval: 200ms, timeout: 150ms, failuresToDown: 3, successesToUp: 3 }
                failover: { maxInFlight: 16, maxPerSecond: %d, failback: manual }
                scan:     { schedule: "%s", ratePerSecond: 2000, timeout: 2s, retries: 1 }
                storage:  { url: "%s", clusterCheckinInterval: %s }
                admin:    { listen: "127.0.0.1:%%ADMIN_PORT%%", tokenFile: data/admin.token }
                credentialsFile: credentials.yaml
                """.formatted(PRIMARY, FALLBACK, RANGE, maxPerSecond, scanSchedule, storageUrl, checkin);
    }

    /**
     * True once the cluster knows {@code phones} phones; asks {@code node} for another scan when a scan ended without
     * finding them all (a cold lab JVM on a busy machine answers the first requests slowly). Asking while a scan
     * waits or runs is a no-op (one job name per range).
     */
    static boolean discovered(ClusterDatabase database, ClusterNodeProcess node, int phones) throws Exception {
        if (database.knownPhones() >= phones) {
            return true;
        }
        if (database.events("SCAN_COMPLETED") > 0) {
            node.phonectl("scan", "--range", RANGE);
        }
        return false;
    }

    static List<LabViews.PhoneView> phones(PhoneLab lab) {
        return lab.phones(new LabViews.PhoneFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Integer.MAX_VALUE));
    }

    /** How many phones have each server host configured first. */
    static Map<String, Integer> firstServers(PhoneLab lab) {
        Map<String, Integer> counts = new TreeMap<>();
        for (LabViews.PhoneView phone : phones(lab)) {
            String first = phone.servers().isEmpty() ? "none" : phone.servers().get(0);
            counts.merge(first.substring(0, first.lastIndexOf(':')), 1, Integer::sum);
        }
        return counts;
    }

    static int onFallback(PhoneLab lab) {
        return firstServers(lab).getOrDefault(FALLBACK, 0);
    }

    /** Each phone's number of configuration changes (pushes that reached it), counted by the lab. */
    static Map<String, Integer> changesPerPhone(PhoneLab lab) {
        Map<String, Integer> changes = new TreeMap<>();
        phones(lab).forEach(p -> changes.put(p.address(), p.configChanges()));
        return changes;
    }
}
