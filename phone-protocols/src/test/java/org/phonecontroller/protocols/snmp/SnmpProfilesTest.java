package org.phonecontroller.protocols.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnmpProfilesTest {

    @Test
    void shipsTheGenericReadOnlyAndTheWritableCiscoProfile() {
        SnmpProfiles profiles = SnmpProfiles.builtIn();

        SnmpProfile generic = profiles.get("sip-ua-generic").orElseThrow();
        SnmpProfile cisco = profiles.get("cisco-sip-ua").orElseThrow();

        assertThat(generic.writable()).isFalse();
        assertThat(generic.serverTable()).hasValueSatisfying(t ->
                assertThat(t.addressColumn()).isEqualTo("1.3.6.1.2.1.150.1.1.1.1.3"));
        assertThat(cisco.writable()).isTrue();
        assertThat(cisco.servers()).extracting(s -> s.address().oid())
                .containsExactly("1.3.6.1.4.1.9.9.152.1.1.1.23.0", "1.3.6.1.4.1.9.9.152.1.1.1.27.0");
        assertThat(profiles.names()).containsExactly("cisco-sip-ua", "sip-ua-generic");
    }

    @Test
    void loadsExtraProfilesAndLetsAFileOverrideABuiltInOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cisco.yaml"), """
                name: cisco-sip-ua
                description: site override
                match: { sysDescrPattern: "(?i)cisco" }
                writable: true
                servers:
                  - slot: 1
                    address: { oid: 1.3.6.1.4.1.9.9.152.1.1.1.23.0, type: SnmpAdminString, format: HOST:PORT }
                """);
        Files.writeString(dir.resolve("acme.yml"), """
                name: acme-phone
                writable: true
                servers:
                  - slot: 1
                    address: { oid: 1.3.6.1.4.1.99999.1.1.0, type: IpAddress }
                    port: { oid: 1.3.6.1.4.1.99999.1.2.0, type: Integer }
                apply: { oid: 1.3.6.1.4.1.99999.1.9.0, type: Integer, value: "1" }
                """);

        SnmpProfiles profiles = SnmpProfiles.load(Optional.of(dir));

        assertThat(profiles.get("cisco-sip-ua").orElseThrow().description()).isEqualTo("site override");
        assertThat(profiles.get("acme-phone").orElseThrow().servers().get(0).port())
                .contains("1.3.6.1.4.1.99999.1.2.0");
        assertThat(profiles.names()).containsExactly("acme-phone", "cisco-sip-ua", "sip-ua-generic");
    }

    @Test
    void aMissingProfilesDirectoryMeansOnlyTheBuiltInProfiles(@TempDir Path dir) {
        assertThat(SnmpProfiles.load(Optional.of(dir.resolve("absent"))).names())
                .containsExactly("cisco-sip-ua", "sip-ua-generic");
    }

    @Test
    void reportsEveryProblemOfABadProfileWithFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                name: bad-profile
                writable: yes please
                colour: blue
                servers:
                  - slot: 1
                    address: { oid: 1.3.6.x, type: OctetString }
                  - slot: 2
                    address: { oid: 1.3.6.1.2.0, type: Float }
                callState: { oid: 1.3.6.1.4.1.1.0, busyValues: [] }
                """);

        assertThatThrownBy(() -> SnmpProfiles.load(Optional.of(dir)))
                .isInstanceOfSatisfying(InvalidSnmpProfileException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                file + ":2: writable: 'writable' must be true or false",
                                file + ":3: colour: unknown key 'colour' (known: apply, callState, description, "
                                        + "match, name, serverTable, servers, writable)",
                                file + ":5: servers[0]: '1.3.6.x' is not a dotted OID such as 1.3.6.1.2.1.1.2.0",
                                file + ":7: servers[1]: unknown value type 'Float' (expected OctetString, "
                                        + "SnmpAdminString, DisplayString, IpAddress or Integer)",
                                file + ":9: callState: callState needs at least one busy value"));
    }

    @Test
    void reportsBrokenYamlWithItsLine() {
        assertThatThrownBy(() -> SnmpProfiles.parse("broken.yaml", "name: x\nservers: [\n  - slot: 1\n"))
                .isInstanceOf(InvalidSnmpProfileException.class)
                .hasMessageStartingWith("broken.yaml:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void refusesATableProfileThatClaimsToBeWritable() {
        assertThatThrownBy(() -> SnmpProfiles.parse("t.yaml", """
                name: table-rw
                writable: true
                serverTable: { addressColumn: 1.3.6.1.2.1.150.1.1.1.3 }
                """))
                .hasMessage("t.yaml:1: profile 'table-rw': a 'serverTable' profile can only be read; "
                        + "set 'writable: false'");
    }

    @Test
    void refusesTwoFilesDefiningOneProfile(@TempDir Path dir) throws Exception {
        String yaml = "name: twin\nwritable: false\nserverTable: { addressColumn: 1.3.6.1.2.1.150.1.1.1.3 }\n";
        Files.writeString(dir.resolve("a.yaml"), yaml);
        Files.writeString(dir.resolve("b.yaml"), yaml);

        assertThatThrownBy(() -> SnmpProfiles.load(Optional.of(dir)))
                .hasMessageContaining("b.yaml:1: profile 'twin' is also defined in").hasMessageContaining("a.yaml");
    }

    @Test
    void matchesBySysObjectIdPrefixOnWholeArcsAndBySysDescrPattern() {
        SnmpProfile.Match match = SnmpProfiles.parse("m.yaml", """
                name: m
                match: { sysObjectIdPrefix: 1.3.6.1.4.1.9, sysDescrPattern: "(?i)sip" }
                writable: false
                serverTable: { addressColumn: 1.3.6.1.2.1.150.1.1.1.3 }
                """).match();

        assertThat(match.matches("1.3.6.1.4.1.9.1.1", "Cisco SIP gateway")).isTrue();
        assertThat(match.matches("1.3.6.1.4.1.99.1", "Cisco SIP gateway")).isFalse();
        assertThat(match.matches("1.3.6.1.4.1.9.1.1", "Cisco router")).isFalse();
    }
}
