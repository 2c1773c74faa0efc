package org.phonecontroller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.ranges.IpAddresses;
import org.phonecontroller.ranges.IpRange;

class GoodConfigTest {
    @TempDir
    Path folder;

    private ConfigLoadResult.Valid load(String name) {
        ConfigFixtures.copy("good", folder);
        ConfigLoadResult result = new ConfigLoader().load(folder.resolve(name));
        assertThat(ConfigFixtures.printed(result, folder)).containsExactly("VALID");
        return (ConfigLoadResult.Valid) result;
    }

    @Test
    void fillsEveryDefaultOfAMinimalConfiguration() {
        ControllerConfig config = load("minimal.yaml").config();
        assertThat(config.phoneManagers()).containsOnlyKeys("pbx", "standby");
        assertThat(config.phoneManagers().get("pbx"))
                .isEqualTo(new PhoneManagerConfig("pbx", "10.0.0.10", 5060, SipTransport.UDP, ProbeKind.SIP_OPTIONS));
        assertThat(config.ranges()).containsExactly(new RangeConfig("office", List.of(IpRange.parse("10.1.0.0/24")),
                "pbx", "standby", List.of("snmp:sip-ua-generic"), "office", false));
        assertThat(config.probe()).isEqualTo(ProbeSettings.DEFAULTS);
        assertThat(config.failover()).isEqualTo(FailoverSettings.DEFAULTS);
        assertThat(config.scan()).isEqualTo(ScanSettings.DEFAULTS);
        assertThat(config.storage()).isEqualTo(StorageSettings.DEFAULTS);
        assertThat(config.admin()).isEqualTo(new AdminSettings("127.0.0.1", 8765, folder.resolve("data/admin.token")));
        assertThat(config.profilesDir()).isEqualTo(folder.resolve("profiles"));
        assertThat(config.source()).isEqualTo(folder.resolve("minimal.yaml"));
    }

    @Test
    void readsTheExampleOfTheDesignWithItsCredentials() {
        ConfigLoadResult.Valid valid = load("full.yaml");
        ControllerConfig config = valid.config();
        assertThat(config.phoneManagers().keySet()).containsExactly("pm-primary", "pm-fallback");
        RangeConfig floor1 = config.range("floor-1").orElseThrow();
        assertThat(floor1.addresses()).containsExactly(IpRange.parse("10.1.0.0/22"),
                IpRange.parse("10.1.8.10-10.1.8.200"));
        assertThat(floor1.size()).isEqualTo(BigInteger.valueOf(1024 + 191));
        assertThat(floor1.protocols()).containsExactly("snmp:sip-ua-generic", "polycom-rest");
        assertThat(config.addressCount()).isEqualTo(BigInteger.valueOf(1024 + 191 + 512 + 1));
        assertThat(config.rangeIndex().lookup(IpAddresses.parse("10.1.8.7")).map(RangeConfig::name))
                .contains("floor-2");
        assertThat(config.probe().witnesses()).containsExactly("10.0.0.1");
        assertThat(config.credentialsFile()).isEqualTo(folder.resolve("credentials.yaml"));

        Credentials credentials = valid.credentials();
        SnmpCredentials.V3 v3 = (SnmpCredentials.V3) credentials.forRange("floor-1").orElseThrow().snmp().orElseThrow();
        assertThat(v3.securityLevel()).isEqualTo(SnmpCredentials.SecurityLevel.AUTH_PRIV);
        assertThat(v3.authProtocol()).isEqualTo(SnmpCredentials.AuthProtocol.SHA_256);
        assertThat(v3.authPassword()).contains("Full-Auth-Secret");
        assertThat(credentials.forRange("floor-2").orElseThrow().snmp())
                .contains(new SnmpCredentials.V2c("Full-Community-Secret"));
        assertThat(credentials.storagePassword()).contains("Full-Db-Secret");
        assertThat(valid.toString()).doesNotContain("Secret");
    }

    @Test
    void readsIpv6HostNamesAndNonDefaultSettings() {
        ConfigLoadResult.Valid valid = load("ipv6-and-names.yaml");
        ControllerConfig config = valid.config();
        assertThat(config.phoneManagers().get("pbx-a"))
                .isEqualTo(new PhoneManagerConfig("pbx-a", "2001:db8::10", 5061, SipTransport.TLS, ProbeKind.SIP_OPTIONS));
        assertThat(config.phoneManagers().get("pbx-a").address()).isEqualTo("[2001:db8::10]:5061");
        assertThat(config.phoneManagers().get("pbx-b").port()).isEqualTo(5060);
        assertThat(config.phoneManagers().get("pbx-c").probePort()).isEqualTo(161);
        assertThat(config.range("v6-floor").orElseThrow().size()).isEqualTo(BigInteger.valueOf(32768 + 240));
        assertThat(config.range("v4-floor").orElseThrow().credentials()).isEqualTo("v4");
        assertThat(config.probe().interval()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.probe().witnesses()).containsExactly("[2001:db8::1]:443", "gw.example.com");
        assertThat(config.failover().busyPhones()).isEqualTo(BusyPolicy.IGNORE);
        assertThat(config.failover().failback()).isEqualTo(FailbackMode.AUTOMATIC);
        assertThat(config.failover().automaticFailbackAfter()).isEqualTo(Duration.ofMinutes(90));
        assertThat(config.scan().schedule()).isEqualTo("0 15 2 ? * MON-FRI");
        assertThat(config.storage().user()).contains("phonecontroller");
        assertThat(config.storage().isPostgres()).isTrue();
        assertThat(config.storage().clusterCheckinInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.admin().listen()).isEqualTo("[::1]:9000");
        SnmpCredentials.V3 v3 = (SnmpCredentials.V3) valid.credentials().forRange("v4").orElseThrow().snmp().orElseThrow();
        assertThat(v3.securityLevel()).isEqualTo(SnmpCredentials.SecurityLevel.AUTH_NO_PRIV);
        assertThat(valid.credentials().forRange("v6-floor").orElseThrow().http()).map(HttpCredentials::user)
                .isEqualTo(Optional.of("admin"));
    }
}
