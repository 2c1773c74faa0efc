package org.phonecontroller.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.daemon.admin.AdminJson;
import org.phonecontroller.lab.Ports;

/**
 * {@code phonectl inspect} and {@code discover} against real net-snmp agents speaking SNMPv3 authPriv (SHA/AES) with
 * the writable CISCO-SIP-UA-MIB registrar objects: identified with the profile cisco-sip-ua, servers read.
 */
class InspectAndDiscoverSnmpdTest {

    static final String PRIMARY = "127.45.2.250:5060";
    static final String FALLBACK = "127.45.2.251:5060";

    @TempDir
    static Path folder;
    static SnmpdPhone onPrimary;
    static SnmpdPhone onFallback;
    static Path config;

    @BeforeAll
    static void startAgents() throws IOException {
        onPrimary = SnmpdPhone.start("127.45.2.10", folder, PRIMARY, FALLBACK);
        onFallback = SnmpdPhone.start("127.45.2.11", folder, FALLBACK, PRIMARY);
        config = writeConfig(folder, SnmpdPhone.credentials("desk"));
    }

    @AfterAll
    static void stopAgents() {
        for (SnmpdPhone phone : new SnmpdPhone[] {onPrimary, onFallback}) {
            if (phone != null) {
                phone.close();
            }
        }
    }

    static Path writeConfig(Path dir, String credentials) throws IOException {
        Path file = dir.resolve("credentials-" + credentials.hashCode() + ".yaml");
        Files.writeString(file, credentials);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Path yaml = dir.resolve("controller-" + credentials.hashCode() + ".yaml");
        Files.writeString(yaml, """
                phoneManagers:
                  pm-a: { address: %s }
                  pm-b: { address: %s }
                ranges:
                  - { name: desk, addresses: [127.45.2.0/24], primary: pm-a, fallback: pm-b,
                      protocols: ["snmp:cisco-sip-ua"], credentials: desk }
                scan: { ratePerSecond: 2000, timeout: 1s, retries: 1 }
                storage: { url: "jdbc:h2:file:%s" }
                admin: { listen: 127.0.0.1:%d, tokenFile: data/admin.token }
                credentialsFile: %s
                """.formatted(PRIMARY, FALLBACK, dir.resolve("data/unused"), Ports.freeTcp(), file.getFileName()));
        return yaml;
    }

    @Test
    void inspectIdentifiesTheAgentWithTheCiscoProfileAndReadsItsServers() {
        Cli run = Cli.phonectl("inspect", "127.45.2.10", "--config", config.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString())
                .contains("127.45.2.10: ")
                .contains("(via snmp:cisco-sip-ua)")
                .contains("Servers:    " + PRIMARY + ", " + FALLBACK)
                .contains("Range:      desk (primary pm-a (" + PRIMARY + "), fallback pm-b (" + FALLBACK + "))")
                .contains("On:         PRIMARY (servers as the daemon sets them)")
                .containsPattern("snmp:cisco-sip-ua\\s+IDENTIFIED");
    }

    @Test
    void inspectWithJsonTellsAPhoneOnItsFallback() throws Exception {
        Cli run = Cli.phonectl("inspect", "127.45.2.11", "--config", config.toString(), "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = AdminJson.mapper().readTree(run.out());
        assertThat(json.get("identified").asBoolean()).isTrue();
        assertThat(json.get("phone").get("protocol").asText()).isEqualTo("snmp:cisco-sip-ua");
        assertThat(json.get("servers")).extracting(JsonNode::asText).containsExactly(FALLBACK, PRIMARY);
        assertThat(json.get("range").get("range").asText()).isEqualTo("desk");
        assertThat(json.get("range").get("serversOn").asText()).isEqualTo("FALLBACK");
    }

    @Test
    void inspectWithWrongCredentialsNamesTheFailureAndExitsOne() throws Exception {
        Path wrong = writeConfig(folder, SnmpdPhone.credentials("desk").replace(SnmpdPhone.AUTH_PASSWORD,
                "not-the-password"));

        Cli run = Cli.phonectl("inspect", "127.45.2.10", "--config", wrong.toString(), "--json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        JsonNode attempt = AdminJson.mapper().readTree(run.out()).get("attempts").get(0);
        assertThat(attempt.get("protocol").asText()).isEqualTo("snmp:cisco-sip-ua");
        assertThat(attempt.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(attempt.get("reason").asText()).as(attempt.toString()).isEqualTo("AUTH_FAILED");
        assertThat(run.out() + run.err()).doesNotContain("not-the-password").doesNotContain(SnmpdPhone.PRIV_PASSWORD);
    }

    @Test
    void inspectWithoutAConfigurationSaysOnlyWhatNeedsNoCredentialsIsTried() {
        Cli run = Cli.phonectl("inspect", "127.45.2.10", "--protocols", "snmp:cisco-sip-ua,sip");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("no --config, so no credentials");
        assertThat(run.out()).containsPattern("snmp:cisco-sip-ua\\s+SKIPPED.*needs credentials")
                .containsPattern("sip\\s+NOT_IDENTIFIED");
    }

    @Test
    void inspectRefusesAnUnknownProtocolAsAUsageError() {
        Cli run = Cli.phonectl("inspect", "127.45.2.10", "--config", config.toString(), "--protocols", "snmp:nope");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("unknown phone protocol 'snmp:nope'");
    }

    @Test
    void discoverFindsBothAgentsOfTheConfiguredRange() {
        Cli run = Cli.phonectl("discover", "desk", "--config", config.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString())
                .containsPattern("127\\.45\\.2\\.10\\s+.*snmp:cisco-sip-ua\\s+" + PRIMARY + ", " + FALLBACK)
                .containsPattern("127\\.45\\.2\\.11\\s+.*snmp:cisco-sip-ua\\s+" + FALLBACK + ", " + PRIMARY)
                .contains("desk: 256 addresses swept in ")
                .contains("2 phones found, 0 refused");
    }

    @Test
    void discoverOfALiteralSubRangeUsesTheEnclosingRangesCredentialsAndWritesJson() throws Exception {
        Cli run = Cli.phonectl("discover", "127.45.2.8-127.45.2.15", "--config", config.toString(), "--json",
                "--rate", "100");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = AdminJson.mapper().readTree(run.out());
        assertThat(json.get("addresses").asLong()).isEqualTo(8);
        assertThat(json.get("ratePerSecond").asInt()).isEqualTo(100);
        assertThat(json.get("phones")).extracting(p -> p.get("address").asText())
                .containsExactly("127.45.2.10", "127.45.2.11");
    }
}
