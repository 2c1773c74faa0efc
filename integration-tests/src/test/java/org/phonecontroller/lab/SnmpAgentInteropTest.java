package org.phonecontroller.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lab's SNMP phones answer net-snmp's own tools (snmpget, snmpset, snmpwalk) like real agents do. */
class SnmpAgentInteropTest {
    private static final String CISCO = "127.31.2.1";
    private static final String CISCO_2 = "127.31.2.2";
    private static final String GENERIC = "127.31.2.10";
    private static final String REFUSING = "127.31.2.20";
    private static final String SHA1_PHONE = "127.31.2.30";
    private static final String PRIMARY = "1.3.6.1.4.1.9.9.152.1.1.1.23.0";
    private static final String SECONDARY = "1.3.6.1.4.1.9.9.152.1.1.1.27.0";
    private static PhoneLab lab;

    @BeforeAll
    static void startLab() {
        lab = TestLabs.start("""
                httpPort: HTTP_PORT
                timers: { registerExpires: 60s, registerTimeout: 2s, startupSpread: 100ms }
                phoneManagers: { pm-a: 127.31.1.10:5060, pm-b: 127.31.1.11:5060 }
                phones:
                  - { addresses: 127.31.2.1-127.31.2.4, vendor: snmp-cisco-sip-ua, registeredTo: pm-a, backup: pm-b,
                      snmp: { community: labcomm, user: labadmin, authProtocol: SHA-256, authPassword: labauth123,
                              privProtocol: AES-128, privPassword: labpriv123 } }
                  - { addresses: 127.31.2.10-127.31.2.11, vendor: snmp-sip-ua, registeredTo: pm-a, snmp: { community: labcomm } }
                  - { addresses: 127.31.2.20, vendor: snmp-cisco-sip-ua, registeredTo: pm-a, busyPolicy: refuse,
                      snmp: { community: labcomm } }
                  - { addresses: 127.31.2.30, vendor: snmp-cisco-sip-ua, registeredTo: pm-a,
                      snmp: { user: shauser, authProtocol: SHA-1, authPassword: shaauth123, privProtocol: AES,
                              privPassword: shapriv123 } }
                """);
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @Test
    void answersTheMib2SystemGroupToSnmpgetV2c() {
        var r = snmp("snmpget", "-v2c", "-c", "labcomm", CISCO, "1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.2.0",
                "1.3.6.1.2.1.1.3.0", "1.3.6.1.2.1.1.5.0");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains(".1.3.6.1.2.1.1.1.0 = STRING: \"Cisco ATA 191")
                .contains(".1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.9.1.2397")
                .contains(".1.3.6.1.2.1.1.3.0 = Timeticks:")
                .contains(".1.3.6.1.2.1.1.5.0 = STRING: \"ATA001bd41f0201\"");
    }

    @Test
    void walksTheReadOnlySipUaMibServerTable() {
        var r = snmp("snmpwalk", "-v2c", "-c", "labcomm", CISCO_2, "1.3.6.1.2.1.150.1.1.1");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains(".1.3.6.1.2.1.150.1.1.1.1.2.1.1 = INTEGER: 1")
                .contains(".1.3.6.1.2.1.150.1.1.1.1.3.1.1 = Hex-STRING: 7F 1F 01 0A")
                .contains(".1.3.6.1.2.1.150.1.1.1.1.3.1.2 = Hex-STRING: 7F 1F 01 0B")
                .contains(".1.3.6.1.2.1.150.1.1.1.1.4.1.1 = Hex-STRING: 08");
    }

    @Test
    void reprogramsItsRegistrarThroughCiscoSipUaMibAndReRegistersThere() {
        String phone = "127.31.2.3";
        await().atMost(Duration.ofSeconds(10)).until(() -> registeredTo(phone).equals(Optional.of("pm-a")));
        var set = snmp("snmpset", "-v2c", "-c", "labcomm", phone, PRIMARY, "s", "ipv4:127.31.1.11:5060");
        assertThat(set.exitCode()).as(set.all()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> registeredTo(phone).equals(Optional.of("pm-b")));
        var get = snmp("snmpget", "-v2c", "-c", "labcomm", phone, PRIMARY);
        assertThat(get.out()).contains("STRING: \"ipv4:127.31.1.11:5060\"");
    }

    @Test
    void speaksV3AuthPrivWithSha256AndAesToEveryAgentWithItsOwnEngineId() {
        List<String> engineIds = new ArrayList<>();
        for (String phone : List.of("127.31.2.1", "127.31.2.2", "127.31.2.4")) {
            var r = snmp("snmpget", "-v3", "-l", "authPriv", "-u", "labadmin", "-a", "SHA-256", "-A", "labauth123",
                    "-x", "AES", "-X", "labpriv123", phone, "1.3.6.1.2.1.1.5.0", "1.3.6.1.6.3.10.2.1.1.0");
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(r.out()).contains("1.3.6.1.2.1.1.5.0 = STRING: \"ATA");
            engineIds.add(r.out().lines().filter(l -> l.contains("1.3.6.1.6.3.10.2.1.1.0")).findFirst().orElse(""));
        }
        assertThat(engineIds).doesNotHaveDuplicates();
    }

    @Test
    void acceptsAV3AuthPrivSetWithSha1AndAes() {
        var r = snmp("snmpset", "-v3", "-l", "authPriv", "-u", "shauser", "-a", "SHA", "-A", "shaauth123", "-x",
                "AES", "-X", "shapriv123", SHA1_PHONE, SECONDARY, "s", "127.31.1.11");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(lab.phone(SHA1_PHONE).orElseThrow().servers()).containsExactly("127.31.1.10:5060",
                "127.31.1.11:5060");
    }

    @Test
    void staysSilentForAWrongCommunity() {
        var r = snmp("snmpget", "-v2c", "-c", "not-the-community", CISCO, "1.3.6.1.2.1.1.1.0");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.all()).contains("Timeout");
    }

    @Test
    void reportsAWrongV3PasswordAsAnAuthenticationFailure() {
        var r = snmp("snmpget", "-v3", "-l", "authPriv", "-u", "labadmin", "-a", "SHA-256", "-A", "wrongpass99",
                "-x", "AES", "-X", "labpriv123", CISCO, "1.3.6.1.2.1.1.5.0");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.all()).containsAnyOf("Authentication failed for labadmin", "Authentication failure");
    }

    @Test
    void reportsAnUnknownV3UserAsUnknownUserName() {
        for (String phone : List.of(CISCO, CISCO_2, "127.31.2.4")) {
            var r = snmp("snmpget", "-v3", "-l", "authPriv", "-u", "intruder", "-a", "SHA-256", "-A", "labauth123",
                    "-x", "AES", "-X", "labpriv123", phone, "1.3.6.1.2.1.1.5.0");
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.all()).contains("Unknown user name");
        }
    }

    @Test
    void answersWrongTypeWhenARegistrarIsSetAsAnInteger() {
        var r = snmp("snmpset", "-v2c", "-c", "labcomm", CISCO, PRIMARY, "i", "5");
        assertThat(r.all()).contains("wrongType");
    }

    @Test
    void answersNotWritableForReadOnlyObjects() {
        assertThat(snmp("snmpset", "-v2c", "-c", "labcomm", CISCO, "1.3.6.1.2.1.1.1.0", "s", "x").all())
                .contains("notWritable");
        assertThat(snmp("snmpset", "-v2c", "-c", "labcomm", GENERIC, "1.3.6.1.2.1.150.1.1.1.1.3.1.1", "x",
                "7F1F010B").all()).contains("notWritable");
    }

    @Test
    void answersNoSuchObjectForAnOidItDoesNotImplement() {
        assertThat(snmp("snmpget", "-v2c", "-c", "labcomm", GENERIC, "1.3.6.1.2.1.99.0").out())
                .contains("No Such Object");
        assertThat(snmp("snmpget", "-v2c", "-c", "labcomm", GENERIC, PRIMARY).out()).contains("No Such Object");
    }

    @Test
    void reportsItsCallStateAndRefusesAChangeWhileInACall() {
        lab.setBusy(REFUSING, true);
        try {
            assertThat(snmp("snmpget", "-v2c", "-c", "labcomm", REFUSING, "1.3.6.1.4.1.32473.1.1.0").out())
                    .contains("Gauge32: 1");
            assertThat(snmp("snmpset", "-v2c", "-c", "labcomm", REFUSING, PRIMARY, "s", "127.31.1.11").all())
                    .contains("resourceUnavailable");
            assertThat(lab.phone(REFUSING).orElseThrow().servers()).containsExactly("127.31.1.10:5060");
        } finally {
            lab.setBusy(REFUSING, false);
        }
        assertThat(snmp("snmpget", "-v2c", "-c", "labcomm", REFUSING, "1.3.6.1.4.1.32473.1.1.0").out())
                .contains("Gauge32: 0");
        assertThat(snmp("snmpset", "-v2c", "-c", "labcomm", REFUSING, PRIMARY, "s", "127.31.1.11").exitCode())
                .isZero();
    }

    private static Optional<String> registeredTo(String phone) {
        return lab.phone(phone).orElseThrow().registeredTo();
    }

    private static ExternalTool.Result snmp(String tool, String... args) {
        List<String> cmd = new ArrayList<>(List.of(tool, "-On", "-t", "1", "-r", "1"));
        cmd.addAll(List.of(args));
        return ExternalTool.run(Duration.ofSeconds(15), cmd);
    }
}
