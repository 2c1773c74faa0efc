package org.phonecontroller.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.config.ConfigLoadResult;
import org.phonecontroller.daemon.runtime.Daemon;
import org.phonecontroller.daemon.runtime.DaemonAdmin;
import org.phonecontroller.daemon.adapters.DefaultProbeFactory;
import org.phonecontroller.daemon.adapters.DefaultProtocolFactory;
import org.phonecontroller.daemon.health.HealthState;
import org.phonecontroller.daemon.inventory.Phone;
import org.phonecontroller.daemon.inventory.PushState;
import org.phonecontroller.daemon.config.KnownProfiles;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.lab.LabConfigLoader;
import org.phonecontroller.lab.PhoneLab;
import org.phonecontroller.lab.Ports;
import org.phonecontroller.protocols.testpeers.Kamailio;

/**
 * Issue #14's promise, end to end on 127.72.0.0/16: lab phones that take their servers only from provisioning files
 * (Yealink, Cisco MPP, Fanvil) fetch them from the controller, are registered at a real Kamailio, fail over to a second
 * Kamailio when the first dies and come back on failback — each move verified by the phone's fetch after the
 * controller's NOTIFY (Digest-answered for the Cisco, which challenges it), and no phone rebooted (the served files
 * carry the vendors' no-reboot keys).
 */
class ProvisioningFailoverKamailioTest {

    private static final String PASSWORD = "s3cret-line-password";
    /** address → file name (the lab's MAC: the vendor's OUI and the address's last three octets). */
    private static final Map<String, String> PHONES = Map.of(
            "127.72.6.1", "805ec0480601.cfg",
            "127.72.6.2", "805ec0480602.cfg",
            "127.72.7.1", "00562b480701.xml",
            "127.72.8.1", "0c383e480801.cfg");

    @TempDir
    Path folder;
    private Kamailio first;
    private Kamailio second;
    private PhoneLab lab;
    private Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (lab != null) {
            lab.close();
        }
        for (Kamailio k : new Kamailio[] {first, second}) {
            if (k != null) {
                k.close();
            }
        }
    }

    @Test
    void provisioningPhonesFailOverAndBackBetweenKamailioRegistrarsWithoutARebootVerifiedByTheirFetches()
            throws Exception {
        int portA = Ports.freeUdpAndTcp("127.72.5.10");
        first = Kamailio.start(InetAddress.getByName("127.72.5.10"), portA);
        second = Kamailio.start(InetAddress.getByName("127.72.5.11"), Ports.freeUdpAndTcp("127.72.5.11"));
        String a = first.address().toString();
        String b = second.address().toString();
        int provisioningPort = Ports.freeTcp("127.72.0.1");
        Path config = writeConfig(a, b, provisioningPort);
        var loaded = (ConfigLoadResult.Valid) KnownProfiles.loader().load(config);
        daemon = Daemon.start(new Daemon.Options(config, folder.resolve("logs"), new DefaultProbeFactory(),
                new DefaultProtocolFactory(loaded.config()), TimeSource.system(), Duration.ofMillis(300)));
        lab = PhoneLab.start(new LabConfigLoader().parse("prov-lab.yaml", """
                seed: 72
                httpPort: %d
                timers: { registerExpires: 60s, registerTimeout: 2s, t1: 200ms, startupSpread: 100ms,
                          retryAfterFailure: 500ms }
                phoneManagers: { unused: 127.72.5.20:5060 }
                phones:
                  - { addresses: 127.72.6.1, vendor: yealink, provisioning: { url: "URL", bootDelay: 200ms } }
                  - { addresses: 127.72.6.2, vendor: yealink, provisioning: { url: "URL", bootDelay: 200ms } }
                  - { addresses: 127.72.7.1, vendor: cisco-mpp, provisioning: { url: "URL", bootDelay: 200ms } }
                  - { addresses: 127.72.8.1, vendor: fanvil, provisioning: { url: "URL", bootDelay: 200ms } }
                """.formatted(Ports.freeTcp("127.0.0.1"))
                .replace("URL", "http://127.72.0.1:" + provisioningPort + "/")));

        await().atMost(Duration.ofSeconds(30)).alias("every phone registered at the first Kamailio")
                .until(() -> PHONES.keySet().stream().allMatch(p -> registeredTo(p).equals(Optional.of(a))));
        await().atMost(Duration.ofSeconds(30)).alias("every phone in the inventory").until(() -> {
            if (daemon.inventory().all().size() < PHONES.size()) {
                daemon.plans().forEach(p -> daemon.jobs().scanNow(p.name()));
                return false;
            }
            return true;
        });
        assertThat(daemon.inventory().find(InetAddress.getByName("127.72.6.1")).orElseThrow().identity())
                .satisfies(id -> {
                    assertThat(id.protocol()).isEqualTo("provisioning:yealink");
                    assertThat(id.vendor()).isEqualTo("Yealink");
                });
        await().until(() -> daemon.health().state("pm-a") == HealthState.UP
                && daemon.health().state("pm-b") == HealthState.UP);

        first.close();
        await().atMost(Duration.ofSeconds(30)).alias("every phone registered at the fallback Kamailio")
                .until(() -> PHONES.keySet().stream().allMatch(p -> registeredTo(p).equals(Optional.of(b))));
        await().atMost(Duration.ofSeconds(10)).alias("every phone VERIFIED by its fetch").until(() ->
                daemon.inventory().all().stream().allMatch(p -> p.progress().state() == PushState.VERIFIED));
        for (String phone : PHONES.keySet()) {
            assertThat(lab.phone(phone).orElseThrow().servers()).as(phone).startsWith(b);
            var fetch = daemon.provisioning().orElseThrow().ledger().lastConfigFetch(InetAddress.getByName(phone))
                    .orElseThrow();
            assertThat(fetch.file()).as(phone).isEqualTo(PHONES.get(phone));
            assertThat(fetch.servers().get(0).toString()).as(phone).isEqualTo(b);
        }

        var admin = new DaemonAdmin(daemon).provisioning("80:5e:c0:48:06:01", null, true).orElseThrow();
        assertThat(admin.phone()).isEqualTo("127.72.6.1");
        assertThat(admin.lastFetch().servers()).containsExactly(b, a);
        assertThat(admin.preview().content()).contains("account.1.sip_server.1.address = 127.72.5.11",
                "account.1.password = ***").doesNotContain(PASSWORD);

        first = Kamailio.start(InetAddress.getByName("127.72.5.10"), portA);
        await().atMost(Duration.ofSeconds(30)).until(() -> daemon.health().state("pm-a") == HealthState.UP);
        daemon.plans().forEach(p -> daemon.jobs().failback(p.name(), false, "failback by the test"));
        await().atMost(Duration.ofSeconds(30)).alias("every phone back at the first Kamailio")
                .until(() -> PHONES.keySet().stream().allMatch(p -> registeredTo(p).equals(Optional.of(a))));
        await().atMost(Duration.ofSeconds(10)).until(() -> daemon.inventory().all().stream().allMatch(p ->
                p.progress().state() == PushState.VERIFIED && p.progress().desired().orElseThrow().target()
                        .toString().equals(a)));

        for (String phone : PHONES.keySet()) {
            assertThat(lab.phone(phone).orElseThrow().provisioning().orElseThrow().reboots()).as(phone).isZero();
        }
        List<Phone> all = daemon.inventory().all();
        assertThat(all).extracting(p -> p.identity().mac()).doesNotContain("");
        assertThat(Files.readString(folder.resolve("logs/events.jsonl"))).doesNotContain(PASSWORD);
    }

    private Optional<String> registeredTo(String phone) {
        return lab.phone(phone).orElseThrow().registeredTo();
    }

    private Path writeConfig(String a, String b, int provisioningPort) throws IOException {
        Path files = Files.createDirectories(folder.resolve("files"));
        for (var e : PHONES.entrySet()) {
            String host = a.substring(0, a.indexOf(':'));
            String port = a.substring(a.indexOf(':') + 1);
            String content = e.getValue().endsWith(".xml")
                    ? "<flat-profile><Proxy_1_>" + a + "</Proxy_1_><User_ID_1_>2001</User_ID_1_><Password_1_>" + PASSWORD
                    + "</Password_1_></flat-profile>"
                    : e.getKey().startsWith("127.72.8.")
                    ? "<sysConf><sip><line index=\"1\"><RegisterAddr>" + host + "</RegisterAddr><RegisterPort>" + port
                    + "</RegisterPort><PassWord>" + PASSWORD + "</PassWord></line></sip></sysConf>"
                    : "#!version:1.0.0.1\naccount.1.enable = 1\naccount.1.password = " + PASSWORD
                    + "\naccount.1.sip_server.1.address = " + host + "\naccount.1.sip_server.1.port = " + port + "\n";
            Files.writeString(files.resolve(e.getValue()), content);
        }
        // the Cisco MPP challenges a resync NOTIFY with its line's credentials (Auth_Resync-Reboot defaults to Yes)
        Path credentials = folder.resolve("credentials.yaml");
        Files.writeString(credentials, "cisco: { http: { user: \"2001\", password: \"" + PASSWORD + "\" } }\n");
        Files.setPosixFilePermissions(credentials, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path config = folder.resolve("controller.yaml");
        Files.writeString(config, """
                phoneManagers:
                  pm-a: { address: %s, transport: udp, probe: sip-options }
                  pm-b: { address: %s, transport: udp, probe: sip-options }
                ranges:
                  - { name: yealink, addresses: [127.72.6.0/24], primary: pm-a, fallback: pm-b,
                      protocols: ["provisioning:yealink"] }
                  - { name: cisco, addresses: [127.72.7.0/24], primary: pm-a, fallback: pm-b,
                      protocols: ["provisioning:cisco-mpp"], credentials: cisco }
                  - { name: fanvil, addresses: [127.72.8.0/24], primary: pm-a, fallback: pm-b,
                      protocols: ["provisioning:fanvil"] }
                provisioning:
                  listen: 127.72.0.1:%d
                  source: { directory: files }
                  fetchDeadline: 3s
                probe:    { interval: 200ms, timeout: 150ms, failuresToDown: 3, successesToUp: 3 }
                failover: { maxInFlight: 16, maxPerSecond: 100, failback: manual }
                scan:     { ratePerSecond: 1000, timeout: 1s, retries: 1 }
                storage:  { url: "jdbc:h2:file:%s" }
                admin:    { listen: 127.0.0.1:%d, tokenFile: data/admin.token }
                credentialsFile: credentials.yaml
                """.formatted(a, b, provisioningPort, folder.resolve("data/phonecontroller"), Ports.freeTcp("127.0.0.1")));
        return config;
    }
}
