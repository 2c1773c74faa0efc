package org.phonecontroller.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** lab.yaml's {@code provisioning} key of a phone group: read, defaulted, and refused with the path of the problem. */
class LabProvisioningConfigTest {
    private final LabConfigLoader loader = new LabConfigLoader();

    @Test
    void readsProvisioningGroupsWhoseServersComeOnlyFromTheirFiles() throws Exception {
        LabConfig c = loader.parse("lab.yaml", """
                phoneManagers: { pm-a: 127.20.0.10:5060 }
                phones:
                  - { addresses: 127.20.40.0/24, count: 10, vendor: yealink,
                      provisioning: { url: "http://127.20.0.5:8880/", bootDelay: 1s, timeout: 2s } }
                  - { addresses: 127.20.41.1, vendor: cisco-mpp, registeredTo: pm-a,
                      provisioning: { url: "http://127.20.0.5:8880/prov" } }
                  - { addresses: 127.20.42.1, vendor: fanvil, provisioning: { url: "http://127.20.0.5:8880/" } }
                  - { addresses: 127.20.43.1, vendor: polycom-rest, provisioning: { url: "http://127.20.0.5:8880/" } }
                  - { addresses: 127.20.43.2, vendor: snom, provisioning: { url: "http://127.20.0.5:8880/" } }
                  - { addresses: 127.20.43.3, vendor: grandstream, provisioning: { url: "http://127.20.0.5:8880/" } }
                """);
        var yealink = c.phones().get(0);
        assertThat(yealink.registeredTo()).isNull();
        assertThat(yealink.provisioning().orElseThrow()).isEqualTo(new LabConfig.ProvisioningSpec(
                URI.create("http://127.20.0.5:8880/"), Duration.ofSeconds(1), Duration.ofSeconds(2)));
        var cisco = c.phones().get(1).provisioning().orElseThrow();
        assertThat(cisco.bootDelay()).isEqualTo(LabConfig.ProvisioningSpec.DEFAULT_BOOT_DELAY);
        assertThat(cisco.file("00562b4a0301.xml")).isEqualTo(URI.create("http://127.20.0.5:8880/prov/00562b4a0301.xml"));
        assertThat(c.phones().get(2).vendor()).isEqualTo(Vendor.FANVIL);
        assertThat(c.phones().subList(3, 6)).allMatch(g -> g.provisioning().isPresent())
                .extracting(LabConfig.PhoneGroup::vendor)
                .containsExactly(Vendor.POLYCOM_REST, Vendor.SNOM, Vendor.GRANDSTREAM);
    }

    @Test
    void theDemosProvisioningLabFileIsValid() throws Exception {
        LabConfig c = loader.load(java.nio.file.Path.of("..", "scripts", "lab-demo-provisioning.yaml"));
        assertThat(c.phones()).filteredOn(g -> g.provisioning().isPresent()).extracting(LabConfig.PhoneGroup::vendor)
                .containsExactly(Vendor.YEALINK, Vendor.CISCO_MPP, Vendor.FANVIL, Vendor.POLYCOM_REST, Vendor.SNOM,
                        Vendor.GRANDSTREAM);
    }

    @Test
    void refusesProvisioningForOtherVendorsOutsideLoopbackAndWithUnknownKeys() {
        assertThatThrownBy(() -> loader.parse("lab.yaml", """
                phoneManagers: { pm-a: 127.20.0.10:5060 }
                phones:
                  - { addresses: 127.20.40.1, vendor: snmp-sip-ua, registeredTo: pm-a, provisioning: { url: "http://127.20.0.5/" } }
                  - { addresses: 127.20.40.2, vendor: yealink, provisioning: { url: "http://10.0.0.5:8880/" } }
                  - { addresses: 127.20.40.3, vendor: fanvil, provisioning: { url: "http://127.20.0.5/", reboot: no } }
                  - { addresses: 127.20.40.4, vendor: cisco-mpp, provisioning: { bootDelay: 1s } }
                  - { addresses: 127.20.40.5, vendor: fanvil }
                  - { addresses: 127.20.40.6, vendor: yealink, provisioningUrl: "http://127.20.0.5/{mac}.cfg",
                      provisioning: { url: "http://127.20.0.5/" } }
                  - { addresses: 127.20.40.7, vendor: polycom-rest, http: { user: Polycom, password: x },
                      provisioning: { url: "http://127.20.0.5/" } }
                """)).isInstanceOf(LabConfigException.class)
                .hasMessageContaining("phones[0].provisioning: vendor snmp-sip-ua does not take provisioning")
                .hasMessageContaining("phones[6].http: a phone with provisioning takes its servers only from its files")
                .hasMessageContaining("phones[1].provisioning.url: host of 'http://10.0.0.5:8880/' is outside 127.0.0.0/8")
                .hasMessageContaining("phones[2].provisioning.reboot: unknown key")
                .hasMessageContaining("phones[3].provisioning.url: missing")
                .hasMessageContaining("phones[4].registeredTo: missing")
                .hasMessageContaining("phones[5].provisioningUrl: use either provisioningUrl");
    }
}
