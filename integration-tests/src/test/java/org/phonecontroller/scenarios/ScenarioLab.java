package org.phonecontroller.scenarios;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.phonecontroller.lab.LabConfigException;
import org.phonecontroller.lab.LabConfigLoader;
import org.phonecontroller.lab.LabViews.PhoneFilter;
import org.phonecontroller.lab.LabViews.PhoneView;
import org.phonecontroller.lab.PhoneLab;

/**
 * The phone lab of a scenario, in the test's JVM (the daemon is the separate process). SNMP phones answer on 161
 * (where the daemon asks), HTTP phones on a free port that the daemon is told ({@link #httpPort()}). PhoneManagers
 * pm-a ({@code PREFIX.0.10}) and pm-b ({@code PREFIX.1.10}); phone groups as lab.yaml lines.
 */
final class ScenarioLab implements AutoCloseable {
    private final PhoneLab lab;
    private final int httpPort;

    private ScenarioLab(PhoneLab lab, int httpPort) {
        this.lab = lab;
        this.httpPort = httpPort;
    }

    /**
     * @param prefix      {@code 127.N}: every address of the lab lies in {@code 127.N.0.0/16}
     * @param phoneGroups lab.yaml phone group lines ({@code - { addresses: …, vendor: …, registeredTo: pm-a }})
     */
    static ScenarioLab start(String prefix, String... phoneGroups) {
        int httpPort = DaemonProcess.freeTcpPort();
        StringBuilder yaml = new StringBuilder("""
                seed: 7
                sipPort: 5060
                snmpPort: 161
                httpPort: %d
                timers: { registerExpires: 300s, startupSpread: 1s }
                """.formatted(httpPort));
        yaml.append("phoneManagers: { pm-a: ").append(prefix).append(".0.10:5060, pm-b: ").append(prefix)
                .append(".1.10:5060 }\nphones:\n");
        for (String group : phoneGroups) {
            yaml.append("  ").append(group).append('\n');
        }
        try {
            return new ScenarioLab(PhoneLab.start(new LabConfigLoader().parse("scenario-lab.yaml", yaml.toString())),
                    httpPort);
        } catch (LabConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** {@code count} Cisco-style SNMP v2c phones (community {@code lab}) in {@code PREFIX.BLOCK.0/24} on pm-a. */
    static String ciscoPhones(String prefix, int block, int count) {
        return "- { addresses: " + prefix + "." + block + ".0/24, count: " + count
                + ", vendor: snmp-cisco-sip-ua, registeredTo: pm-a, snmp: { community: lab } }";
    }

    /** The one TCP port of every HTTP phone of this lab. */
    int httpPort() {
        return httpPort;
    }

    PhoneLab lab() {
        return lab;
    }

    int phoneCount() {
        return lab.summary().phones();
    }

    /** Phones registered at this PhoneManager, as the phones themselves report. */
    int registeredAt(String phoneManager) {
        return lab.summary().registeredPerPhoneManager().getOrDefault(phoneManager, 0);
    }

    void awaitRegisteredAt(String phoneManager, int count, Duration atMost) {
        await("%d phones registered at %s".formatted(count, phoneManager)).atMost(atMost)
                .pollInterval(Duration.ofMillis(200)).until(() -> registeredAt(phoneManager) >= count);
    }

    void awaitEveryPhoneRegisteredAt(String phoneManager, Duration atMost) {
        awaitRegisteredAt(phoneManager, phoneCount(), atMost);
    }

    List<PhoneView> phones() {
        return lab.phones(PhoneFilter.ALL);
    }

    PhoneView phone(String address) {
        return lab.phone(address).orElseThrow();
    }

    @Override
    public void close() {
        lab.close();
    }
}
