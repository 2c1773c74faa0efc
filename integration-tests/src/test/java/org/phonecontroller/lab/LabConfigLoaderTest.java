package org.phonecontroller.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LabConfigLoaderTest {
    private final LabConfigLoader loader = new LabConfigLoader();

    @Test
    void readsTheDesignDocumentsExample() throws Exception {
        LabConfig c = loader.parse("lab.yaml", """
                phoneManagers: { pm-a: 127.20.0.10:5060, pm-b: 127.20.1.10:5060 }
                phones:
                  - { addresses: 127.20.16.0/20, count: 2000, vendor: polycom-rest, registeredTo: pm-a, busyFraction: 0.02 }
                  - { addresses: 127.20.32.0/24, count: 200, vendor: snmp-cisco-sip-ua, registeredTo: pm-a, snmp: { community: lab } }
                  - { addresses: 127.20.33.0/24, count: 100, vendor: snom, registeredTo: pm-b, http: { user: admin, password: lab } }
                """);
        assertThat(c.phoneCount()).isEqualTo(2300);
        assertThat(c.ports()).isEqualTo(LabConfig.Ports.DEFAULT);
        assertThat(c.phones().get(0).addresses().get(0)).isEqualTo(0x7f141001); // 127.20.16.1: .0 is skipped
        assertThat(c.phones().get(0).http()).hasValue(new LabConfig.HttpCredentials("Polycom", "456"));
        assertThat(c.phones().get(0).busyPolicy()).isEqualTo(BusyPolicy.REFUSE);
        assertThat(c.phones().get(1).snmp().orElseThrow().community()).hasValue("lab");
        assertThat(c.phoneManagers().get("pm-b").address().getPort()).isEqualTo(5060);
    }

    @Test
    void spreadsAGroupsPhonesOverItsWholeBlockWhenAsked() throws Exception {
        LabConfig c = loader.parse("lab.yaml", """
                phoneManagers: { pm-a: 127.66.0.10:5060 }
                phones:
                  - { addresses: 127.66.4.0/22, count: 4, spread: true, vendor: snom, registeredTo: pm-a }
                  - { addresses: 127.66.8.0/24, count: 3, vendor: snom, registeredTo: pm-a }
                """);
        assertThat(java.util.Arrays.stream(c.phones().get(0).addresses().toArray()).mapToObj(AddressList::format))
                .containsExactly("127.66.4.1", "127.66.5.1", "127.66.6.1", "127.66.7.1");
        assertThat(java.util.Arrays.stream(c.phones().get(1).addresses().toArray()).mapToObj(AddressList::format))
                .containsExactly("127.66.8.1", "127.66.8.2", "127.66.8.3");
        assertThatThrownBy(() -> loader.parse("lab.yaml", """
                phoneManagers: { pm-a: 127.66.0.10:5060 }
                phones: [ { addresses: 127.66.4.0/22, spread: maybe, vendor: snom, registeredTo: pm-a } ]
                """)).hasMessageContaining("spread").hasMessageContaining("neither true nor false");
    }

    @Test
    void readsPortsTimersAndMisbehaviour() throws Exception {
        LabConfig c = loader.parse("lab.yaml", """
                seed: 9
                sipPort: 5070
                snmpPort: 1161
                httpPort: 8080
                timers: { registerExpires: 30s, registerTimeout: 4s, t1: 100ms, startupSpread: 1s, retryAfterFailure: 2s }
                phoneManagers: { pm-a: { address: 127.20.0.10:5080, probeLoss: 0.2 } }
                phones:
                  - addresses: [127.20.16.1-127.20.16.3, 127.20.17.9]
                    vendor: grandstream
                    registeredTo: pm-a
                    misbehaviour: { replyDelay: 200ms, dropFraction: 0.1, rebootAfterChange: 5s, wrongCredentials: true }
                """);
        assertThat(c.seed()).isEqualTo(9);
        assertThat(c.ports()).isEqualTo(new LabConfig.Ports(5070, 1161, 8080));
        assertThat(c.timers().registerTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(c.phoneManagers().get("pm-a").probeLossFraction()).isEqualTo(0.2);
        assertThat(c.phones().get(0).addresses().size()).isEqualTo(4);
        assertThat(c.phones().get(0).misbehaviour()).isEqualTo(new Misbehaviour(Duration.ofMillis(200), 0.1, 0,
                true, Duration.ofSeconds(5)));
    }

    @Test
    void refusesEveryAddressOutsideLoopbackAndListsEveryProblemAtOnce() {
        assertThatThrownBy(() -> loader.parse("lab.yaml", """
                phoneManagers: { pm-a: 10.0.0.10:5060, pm-b: 127.0.0.1:5060 }
                phones:
                  - { addresses: 192.168.1.0/24, vendor: snom, registeredTo: pm-a }
                  - { addresses: 127.20.1.0/24, vendor: nokia, registeredTo: pm-c, colour: red }
                """)).isInstanceOfSatisfying(LabConfigException.class, e -> assertThat(e.problems()).containsExactly(
                "lab.yaml: phoneManagers.pm-a: '10.0.0.10:5060' is outside 127.0.0.0/8; the lab only uses loopback",
                "lab.yaml: phoneManagers.pm-b: '127.0.0.1:5060' is in 127.0.0.0/16, where this machine's own loopback"
                        + " services live; use 127.1.0.0 and above",
                "lab.yaml: phones[0].registeredTo: unknown PhoneManager 'pm-a' (known: [])",
                "lab.yaml: phones[0].addresses: '192.168.1.0/24' is outside 127.0.0.0/8; the lab only uses loopback",
                "lab.yaml: phones[1].colour: unknown key (known: addresses, backup, busyFraction, busyPolicy, count,"
                        + " http, misbehaviour, provisioning, provisioningUrl, registeredTo, snmp, spread, vendor)",
                "lab.yaml: phones[1].vendor: unknown vendor 'nokia' (known: polycom-rest, snom, grandstream,"
                        + " snmp-cisco-sip-ua, snmp-sip-ua, yealink, cisco-mpp, fanvil)",
                "lab.yaml: phones[1].registeredTo: unknown PhoneManager 'pm-c' (known: [])"));
    }

    @Test
    void refusesOverlappingGroupsTooManyPhonesAndBadCredentials() {
        assertThatThrownBy(() -> loader.parse("lab.yaml", """
                phoneManagers: { pm-a: 127.20.0.10:5060 }
                phones:
                  - { addresses: 127.20.1.0/24, count: 10, vendor: snom, registeredTo: pm-a }
                  - { addresses: 127.20.1.5, vendor: snom, registeredTo: pm-a }
                  - { addresses: 127.20.2.1-127.20.2.3, count: 4, vendor: snom, registeredTo: pm-a }
                  - { addresses: 127.20.3.1, vendor: snmp-sip-ua, registeredTo: pm-a, snmp: { user: u, authPassword: short } }
                  - { addresses: 127.20.4.1, vendor: yealink, registeredTo: pm-a, provisioningUrl: "http://10.1.1.1/x.cfg" }
                """)).isInstanceOfSatisfying(LabConfigException.class, e -> assertThat(e.problems()).containsExactly(
                "lab.yaml: phones[1].addresses: 127.20.1.5 is already used by another phone group or a PhoneManager",
                "lab.yaml: phones[2].count: 4 phones do not fit into 3 usable addresses of [127.20.2.1-127.20.2.3]"
                        + " (addresses ending in .0 and .255 are skipped)",
                "lab.yaml: phones[3].snmp.authPassword: missing or shorter than 8 characters (RFC 3414)",
                "lab.yaml: phones[4].provisioningUrl: host of 'http://10.1.1.1/x.cfg' is outside 127.0.0.0/8"));
    }

    @Test
    void pointsAtYamlSyntaxErrorsWithLineAndColumn() {
        assertThatThrownBy(() -> loader.parse("lab.yaml", "phoneManagers: { pm-a: [\nphones: x"))
                .isInstanceOfSatisfying(LabConfigException.class, e -> assertThat(e.problems().get(0))
                        .startsWith("lab.yaml:2:").contains("not valid YAML"));
    }

    @Test
    void theSampleLabsOfTheScriptsFolderAreValid() throws Exception {
        Path scripts = Path.of("..", "scripts");
        assertThat(loader.load(scripts.resolve("lab-demo.yaml")).phoneCount()).isEqualTo(1000);
        assertThat(loader.load(scripts.resolve("lab-10k.yaml")).phoneCount()).isEqualTo(10_000);
    }
}
