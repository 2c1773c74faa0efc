package org.phonecontroller.scenarios;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A daemon's configuration for a scenario: PhoneManagers, ranges, the probe/failover/scan sections and the
 * credentials, rendered into controller.yaml and credentials.yaml. Defaults are quick (200 ms probes) so a scenario
 * finishes in seconds; a scenario changes only what it is about.
 *
 * @param probe     the {@code probe:} flow mapping, e.g. {@code { interval: 200ms, timeout: 150ms }}
 * @param witnesses {@code probe.witnesses} ({@code host} or {@code host:port}), added to the probe mapping; none by
 *                  default (the isolation check is off)
 * @param profiles  extra SNMP profiles (file name → YAML) written into {@code profiles/}
 */
record ControllerSetup(Map<String, String> phoneManagers, List<Range> ranges, String probe, List<String> witnesses,
                       String failover, String scan, String credentials, Map<String, String> profiles) {

    /** The lab's call-state object as a Cisco-style profile, so the daemon can see that an SNMP phone is busy. */
    static final String LAB_CISCO_PROFILE = """
            name: lab-cisco
            description: the lab's Cisco-style phones, with the lab's call-state object
            match: { sysObjectIdPrefix: 1.3.6.1.4.1.9 }
            writable: true
            servers:
              - slot: 1
                address: { oid: 1.3.6.1.4.1.9.9.152.1.1.1.23.0, type: SnmpAdminString, format: ADDRTYPE:HOST:PORT }
              - slot: 2
                address: { oid: 1.3.6.1.4.1.9.9.152.1.1.1.27.0, type: SnmpAdminString, format: ADDRTYPE:HOST:PORT }
            callState: { oid: 1.3.6.1.4.1.32473.1.1.0, busyValues: ["1"] }
            """;

    /** One range: its name is also its key in the credentials file. */
    record Range(String name, String addresses, String primary, String fallback, String protocols) {
    }

    /** pm-a (primary) and pm-b (fallback) on {@code PREFIX.0.10} and {@code PREFIX.1.10}, no ranges yet. */
    static ControllerSetup twoPhoneManagers(String prefix) {
        Map<String, String> pms = new LinkedHashMap<>();
        pms.put("pm-a", prefix + ".0.10:5060");
        pms.put("pm-b", prefix + ".1.10:5060");
        return new ControllerSetup(pms, List.of(),
                "{ interval: 200ms, timeout: 150ms, failuresToDown: 3, successesToUp: 3 }", List.of(),
                "{ maxInFlight: 32, maxPerSecond: 200, busyPhones: defer, maxBusyDeferral: 10m, failback: manual }",
                "{ schedule: \"0 0 * * * ?\", ratePerSecond: 2000, timeout: 500ms, retries: 1 }",
                "default:\n  snmp: { version: 2c, community: lab }\n", Map.of("lab-cisco.yaml", LAB_CISCO_PROFILE));
    }

    /** Adds a range of Cisco-style SNMP v2c phones (community {@code lab}) with the lab's call-state profile. */
    ControllerSetup withCiscoRange(String name, String addresses) {
        return withRange(new Range(name, addresses, "pm-a", "pm-b", "[\"snmp:lab-cisco\"]"));
    }

    ControllerSetup withRange(Range range) {
        List<Range> all = new ArrayList<>(ranges);
        all.add(range);
        return new ControllerSetup(phoneManagers, all, probe, witnesses, failover, scan, credentials, profiles);
    }

    /**
     * Adds or replaces a PhoneManager; {@code addressAndMore} is its address, optionally followed by more keys of its
     * flow mapping, e.g. {@code 127.68.2.10:5070, registrar: { kind: kamailio-jsonrpc, url: "http://…" }}.
     */
    ControllerSetup withPhoneManager(String name, String addressAndMore) {
        Map<String, String> pms = new LinkedHashMap<>(phoneManagers);
        pms.put(name, addressAndMore);
        return new ControllerSetup(pms, ranges, probe, witnesses, failover, scan, credentials, profiles);
    }

    ControllerSetup withProbe(String newProbe) {
        return new ControllerSetup(phoneManagers, ranges, newProbe, witnesses, failover, scan, credentials, profiles);
    }

    /** The hosts this controller must still reach before it judges anything (a refused connection answers too). */
    ControllerSetup withWitnesses(String... newWitnesses) {
        return new ControllerSetup(phoneManagers, ranges, probe, List.of(newWitnesses), failover, scan, credentials,
                profiles);
    }

    ControllerSetup withFailover(String newFailover) {
        return new ControllerSetup(phoneManagers, ranges, probe, witnesses, newFailover, scan, credentials, profiles);
    }

    ControllerSetup withScan(String newScan) {
        return new ControllerSetup(phoneManagers, ranges, probe, witnesses, failover, newScan, credentials, profiles);
    }

    ControllerSetup withCredentials(String newCredentials) {
        return new ControllerSetup(phoneManagers, ranges, probe, witnesses, failover, scan, newCredentials, profiles);
    }

    /** controller.yaml, with the admin API on the given loopback port and the inventory in ./data. */
    String controllerYaml(int adminPort) {
        StringBuilder y = new StringBuilder("phoneManagers:\n");
        phoneManagers.forEach((name, address) -> y.append("  ").append(name).append(": { address: ").append(address)
                .append(", transport: udp, probe: sip-options }\n"));
        y.append("ranges:\n");
        for (Range r : ranges) {
            y.append("  - { name: ").append(r.name()).append(", addresses: [").append(r.addresses())
                    .append("], primary: ").append(r.primary()).append(", fallback: ").append(r.fallback())
                    .append(", protocols: ").append(r.protocols()).append(" }\n");
        }
        y.append("probe: ").append(probeWithWitnesses()).append('\n');
        y.append("failover: ").append(failover).append('\n');
        y.append("scan: ").append(scan).append('\n');
        y.append("storage: { url: \"jdbc:h2:file:./data/phonecontroller\" }\n");
        y.append("admin: { listen: 127.0.0.1:").append(adminPort).append(", tokenFile: data/admin.token }\n");
        y.append("credentialsFile: credentials.yaml\n");
        y.append("profilesDir: profiles\n");
        return y.toString();
    }

    /** The probe flow mapping, with {@code witnesses: [...]} added before its closing brace when there are any. */
    private String probeWithWitnesses() {
        if (witnesses.isEmpty()) {
            return probe;
        }
        int close = probe.lastIndexOf('}');
        if (close < 0) {
            throw new IllegalStateException("the probe section is not a flow mapping: " + probe);
        }
        String entries = probe.substring(0, close).stripTrailing();
        return entries + (entries.endsWith("{") ? " " : ", ") + "witnesses: [" + String.join(", ", witnesses) + "] }";
    }
}
