package org.phonecontroller.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.daemon.admin.AdminJson;
import org.phonecontroller.lab.LabConfigLoader;
import org.phonecontroller.lab.LabViews;
import org.phonecontroller.lab.PhoneLab;
import org.phonecontroller.lab.Ports;

/**
 * {@code phonectl inspect} and {@code discover} against the phone lab (in this JVM, 127.45.32.0/24): the fast sweep
 * paths (SNMP v2c with the range's community, SIP OPTIONS without credentials) and the usage errors.
 */
class DiagnosticsLabTest {

    static final int PHONES = 24;

    @TempDir
    static Path folder;
    static PhoneLab lab;
    static Path config;

    @BeforeAll
    static void startLab() throws Exception {
        lab = PhoneLab.start(new LabConfigLoader().parse("diagnostics-lab.yaml", """
                seed: 45
                httpPort: %d
                phoneManagers: { pm-a: 127.45.30.10:5060, pm-b: 127.45.31.10:5060 }
                phones:
                  - { addresses: 127.45.32.0/24, count: %d, vendor: snmp-cisco-sip-ua, registeredTo: pm-a,
                      backup: pm-b, snmp: { community: diag-lab } }
                """.formatted(Ports.freeTcp(), PHONES)));
        Path credentials = folder.resolve("credentials.yaml");
        Files.writeString(credentials, "cisco: { snmp: { version: 2c, community: diag-lab } }\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        config = Files.writeString(folder.resolve("controller.yaml"), """
                phoneManagers:
                  pm-a: { address: 127.45.30.10:5060 }
                  pm-b: { address: 127.45.31.10:5060 }
                ranges:
                  - { name: cisco, addresses: [127.45.32.0/24], primary: pm-a, fallback: pm-b,
                      protocols: ["snmp:cisco-sip-ua"], credentials: cisco }
                scan: { ratePerSecond: 5000, timeout: 500ms, retries: 1 }
                storage: { url: "jdbc:h2:file:%s" }
                admin: { listen: 127.0.0.1:%d, tokenFile: data/admin.token }
                credentialsFile: credentials.yaml
                """.formatted(folder.resolve("data/unused"), Ports.freeTcp()));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private static List<String> labAddresses() {
        return lab.phones(LabViews.PhoneFilter.ALL).stream().map(LabViews.PhoneView::address).sorted().toList();
    }

    @Test
    void discoverSweepsTheRangeBySnmpAndFindsEveryLabPhone() throws Exception {
        Cli run = Cli.phonectl("discover", "cisco", "--config", config.toString(), "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = AdminJson.mapper().readTree(run.out());
        assertThat(json.get("sweepKinds")).extracting(JsonNode::asText).containsExactly("SNMP");
        assertThat(json.get("answered").asLong()).isEqualTo(json.get("phones").size());
        assertThat(json.get("addresses").asLong()).isEqualTo(256);
        assertThat(json.get("phones")).extracting(p -> p.get("address").asText())
                .containsExactlyInAnyOrderElementsOf(labAddresses());
        assertThat(json.get("phones")).allSatisfy(p -> {
            assertThat(p.get("identity").get("protocol").asText()).isEqualTo("snmp:cisco-sip-ua");
            assertThat(p.get("servers").get(0).asText()).isEqualTo("127.45.30.10:5060");
        });
    }

    @Test
    void discoverWithoutConfigurationFindsThePhonesBySipOptions() {
        Cli run = Cli.phonectl("discover", "127.45.32.0/24", "--rate", "2000");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("no --config");
        assertThat(run.out()).as(run.toString())
                .startsWith("ADDRESS")
                .contains("127.45.32.0/24: 256 addresses swept in ")
                .contains("cap 2,000 requests/s, sweep SIP")
                .contains(PHONES + " phones found");
        assertThat(run.out().lines().filter(l -> l.matches("127\\.45\\.32\\.\\d+ .*")).count()).isEqualTo(PHONES);
    }

    @Test
    void inspectShowsALabPhoneOnItsPrimary() {
        String phone = labAddresses().get(0);

        Cli run = Cli.phonectl("inspect", phone, "--config", config.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString())
                .contains("(via snmp:cisco-sip-ua)")
                .contains("Servers:    127.45.30.10:5060, 127.45.31.10:5060")
                .contains("On:         PRIMARY (servers as the daemon sets them)");
    }

    @Test
    void inspectOfAnAddressWhereNothingAnswersExitsOne() {
        String silent = labAddresses().contains("127.45.32.254") ? "127.45.32.253" : "127.45.32.254";

        Cli run = Cli.phonectl("inspect", silent, "--config", config.toString(), "--protocols",
                "snmp:cisco-sip-ua,sip");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains(silent + ": not identified by any protocol")
                .containsPattern("snmp:cisco-sip-ua\\s+(FAILED\\s+TIMEOUT|NOT_IDENTIFIED)");
    }

    @Test
    void discoverRefusesWhatTheAdminDidNotMean() {
        Cli large = Cli.phonectl("discover", "127.40.0.0/15");
        Cli unknown = Cli.phonectl("discover", "cisko", "--config", config.toString());
        Cli invalid = Cli.phonectl("discover", "cisco", "--config", folder.resolve("missing.yaml").toString());

        assertThat(large.exitCode()).isEqualTo(2);
        assertThat(large.err()).contains("131,072 addresses, more than 65,536; add --allow-large");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("'cisko' is neither a range of").contains("(known: cisco)");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(large.out() + unknown.out() + invalid.out()).isEmpty();
    }
}
