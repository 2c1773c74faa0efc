package org.phonecontroller.protocols.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisioningProfilesTest {

    @Test
    void shipsTheSixVendorProfilesAndNoneOfThemTriggersAReboot() {
        ProvisioningProfiles profiles = ProvisioningProfiles.builtIn();
        assertThat(profiles.names()).containsExactlyInAnyOrder("yealink", "cisco-mpp", "polycom", "snom",
                "grandstream", "fanvil");
        for (String name : profiles.names()) {
            ProvisioningProfile p = profiles.get(name).orElseThrow();
            assertThat(p.trigger().notifyEvent()).as(name).isPresent();
            assertThat(p.trigger().notifyEvent().get()).as(name).doesNotContain("reboot=true");
            assertThat(p.template()).as(name).isPresent();
        }
        assertThat(profiles.get("yealink").orElseThrow().requiredKeys())
                .containsEntry("sip.notify_reboot_enable", "0");
    }

    @Test
    void recognisesPhonesByTheirFetchesUserAgentsAndFileNames() {
        ProvisioningProfiles profiles = ProvisioningProfiles.builtIn();
        ProvisioningProfile yealink = profiles.get("yealink").orElseThrow();
        assertThat(yealink.recognition().fromHttpUserAgent("Yealink SIP-T31G 124.85.257.55 80:5e:c0:d5:7d:72"))
                .contains(new ProvisioningProfile.Device("T31G", "124.85.257.55", "80:5e:c0:d5:7d:72"));
        assertThat(profiles.get("cisco-mpp").orElseThrow().recognition()
                .fromHttpUserAgent("Cisco-CP-8841-3PCC/11.0 (00562b043615)"))
                .contains(new ProvisioningProfile.Device("8841-3PCC", "11.0", "00:56:2b:04:36:15"));
        assertThat(profiles.get("grandstream").orElseThrow().recognition()
                .fromHttpUserAgent("Grandstream Model HW GXP1628 SW 1.0.4.138 DevId c074ad2bd859"))
                .contains(new ProvisioningProfile.Device("GXP1628", "1.0.4.138", "c0:74:ad:2b:d8:59"));
        assertThat(profiles.get("polycom").orElseThrow().recognition()
                .fromHttpUserAgent("FileTransport PolycomVVX-VVX_400-UA/4.1.4.7430 Type/Application"))
                .contains(new ProvisioningProfile.Device("VVX-VVX_400", "4.1.4.7430", ""));
        assertThat(yealink.recognition().fromHttpUserAgent("curl/8.0")).isEmpty();
        assertThat(yealink.files().macOf("805ec0d57d72.cfg")).contains("805ec0d57d72");
        assertThat(yealink.files().macOf("805EC0D57D72.cfg")).isEmpty();
        assertThat(yealink.files().isCommon("y000000000044.cfg")).isTrue();
        assertThat(profiles.get("snom").orElseThrow().files().macOf("000413A1B2C3.xml")).contains("000413a1b2c3");
        assertThat(yealink.recognition().isSipUserAgent("Yealink SIP-T46S 66.86.0.15")).isTrue();
    }

    @Test
    void refusesAProfileWithEveryProblemLocatedByLineAndColumn() {
        String yaml = """
                name: acme
                files: { perMac: ["../{mac}.cfg"] }
                format: ini
                servers:
                  - { adress: "a.{account}.server" }
                trigger:
                  notify: check-sync;reboot=true
                """;
        assertThatThrownBy(() -> ProvisioningProfiles.parse("acme.yaml", yaml))
                .isInstanceOf(InvalidProvisioningProfileException.class)
                .satisfies(e -> assertThat(((InvalidProvisioningProfileException) e).problems()).anySatisfy(p ->
                                assertThat(p).startsWith("acme.yaml:2:").contains("perMac"))
                        .anySatisfy(p -> assertThat(p).startsWith("acme.yaml:3:9: format: unknown format 'ini'"))
                        .anySatisfy(p -> assertThat(p).startsWith("acme.yaml:5:").contains("unknown key 'adress'"))
                        .anySatisfy(p -> assertThat(p).startsWith("acme.yaml:7:").contains("never reboot")));
    }

    @Test
    void takesExtraProfilesFromTheProvisioningSubfolderAndReportsBadOnes(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("provisioning"));
        Files.writeString(sub.resolve("gigaset.yaml"), """
                name: gigaset
                vendor: Gigaset
                files: { perMac: ["{mac}.xml"], macCase: upper }
                format: xml-elements
                servers: [ { address: "SIP_SERVER", addressWithPort: true } ]
                trigger: { notify: "check-sync;reboot=false" }
                """);
        assertThat(ProvisioningProfiles.load(Optional.of(dir)).names()).contains("gigaset", "yealink");
        Files.writeString(sub.resolve("broken.yaml"), "name: broken\nformat: key-value\n  bad: [\n");
        assertThatThrownBy(() -> ProvisioningProfiles.load(Optional.of(dir)))
                .isInstanceOf(InvalidProvisioningProfileException.class)
                .hasMessageContaining("broken.yaml:");
    }
}
