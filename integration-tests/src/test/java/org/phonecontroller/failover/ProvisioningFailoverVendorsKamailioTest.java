package org.phonecontroller.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.config.ConfigLoadResult;
import org.phonecontroller.daemon.adapters.DefaultProbeFactory;
import org.phonecontroller.daemon.adapters.DefaultProtocolFactory;
import org.phonecontroller.daemon.config.KnownProfiles;
import org.phonecontroller.daemon.health.HealthState;
import org.phonecontroller.daemon.inventory.PushState;
import org.phonecontroller.daemon.runtime.Daemon;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.lab.LabConfigLoader;
import org.phonecontroller.lab.PhoneLab;
import org.phonecontroller.lab.Ports;
import org.phonecontroller.protocols.testpeers.Kamailio;
import org.slf4j.LoggerFactory;

/**
 * Issue #14 for the other three built-in provisioning profiles, end to end on 127.73.0.0/16: lab Polycom, Snom and
 * Grandstream phones that take their servers only from their vendors' files (Polycom master file + CONFIG_FILES,
 * Snom setting file + setting-files, Grandstream cfg&lt;mac&gt;.xml) fetch them from the controller, are registered
 * at a real Kamailio, fail over to a second Kamailio when the first dies and come back on failback. Each move is
 * verified by the phone's fetch after the profile's NOTIFY (Polycom and Grandstream {@code check-sync}, Snom
 * {@code check-sync;reboot=false}), and no phone rebooted.
 */
class ProvisioningFailoverVendorsKamailioTest {

    private static final String PASSWORD = "s3cret-line-password-73";
    /** address → vendor, and the file naming its servers (the lab's MAC: OUI + the address's last three octets). */
    private static final Map<String, String> VENDORS = Map.of(
            "127.73.6.1", "Polycom", "127.73.7.1", "Snom", "127.73.8.1", "Grandstream");
    private static final Map<String, String> SERVER_FILES = Map.of(
            "127.73.6.1", "0004f2490601-user.cfg", "127.73.7.1", "000413490701.xml",
            "127.73.8.1", "cfg000b82490801.xml");

    @TempDir
    Path folder;
    private Kamailio first;
    private Kamailio second;
    private PhoneLab lab;
    private Daemon daemon;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

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
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @Test
    void polycomSnomAndGrandstreamPhonesFailOverAndBackBetweenKamailioRegistrarsWithoutARebootVerifiedByTheirFetches()
            throws Exception {
        int portA = Ports.freeUdpAndTcp("127.73.5.10");
        first = Kamailio.start(InetAddress.getByName("127.73.5.10"), portA);
        second = Kamailio.start(InetAddress.getByName("127.73.5.11"), Ports.freeUdpAndTcp("127.73.5.11"));
        String a = first.address().toString();
        String b = second.address().toString();
        int provisioningPort = Ports.freeTcp("127.73.0.1");
        Path config = writeConfig(a, provisioningPort);
        var loaded = (ConfigLoadResult.Valid) KnownProfiles.loader().load(config);
        daemon = Daemon.start(new Daemon.Options(config, folder.resolve("logs"), new DefaultProbeFactory(),
                new DefaultProtocolFactory(loaded.config()), TimeSource.system(), Duration.ofMillis(300)));
        lab = PhoneLab.start(new LabConfigLoader().parse("prov-vendors-lab.yaml", """
                seed: 73
                httpPort: %d
                timers: { registerExpires: 60s, registerTimeout: 2s, t1: 200ms, startupSpread: 100ms,
                          retryAfterFailure: 500ms }
                phoneManagers: { unused: 127.73.5.20:5060 }
                phones:
                  - { addresses: 127.73.6.1, vendor: polycom-rest, provisioning: { url: "URL", bootDelay: 200ms } }
                  - { addresses: 127.73.7.1, vendor: snom, provisioning: { url: "URL", bootDelay: 200ms } }
                  - { addresses: 127.73.8.1, vendor: grandstream, provisioning: { url: "URL", bootDelay: 200ms } }
                """.formatted(Ports.freeTcp("127.0.0.1"))
                .replace("URL", "http://127.73.0.1:" + provisioningPort + "/")));

        await().atMost(Duration.ofSeconds(30)).alias("every phone registered at the first Kamailio")
                .until(() -> VENDORS.keySet().stream().allMatch(p -> registeredTo(p).equals(Optional.of(a))));
        await().atMost(Duration.ofSeconds(30)).alias("every phone in the inventory").until(() -> {
            if (daemon.inventory().all().size() < VENDORS.size()) {
                daemon.plans().forEach(p -> daemon.jobs().scanNow(p.name()));
                return false;
            }
            return true;
        });
        for (var e : VENDORS.entrySet()) {
            var identity = daemon.inventory().find(InetAddress.getByName(e.getKey())).orElseThrow().identity();
            assertThat(identity.vendor()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(identity.protocol()).as(e.getKey()).isEqualTo("provisioning:" + e.getValue()
                    .toLowerCase(java.util.Locale.ROOT));
            assertThat(identity.mac()).as(e.getKey() + ": the MAC from the User-Agent or the file name")
                    .isEqualTo(lab.phone(e.getKey()).orElseThrow().mac().toLowerCase(java.util.Locale.ROOT));
        }
        await().until(() -> daemon.health().state("pm-a") == HealthState.UP
                && daemon.health().state("pm-b") == HealthState.UP);

        first.close();
        await().atMost(Duration.ofSeconds(30)).alias("every phone registered at the fallback Kamailio")
                .until(() -> VENDORS.keySet().stream().allMatch(p -> registeredTo(p).equals(Optional.of(b))));
        await().atMost(Duration.ofSeconds(10)).alias("every phone VERIFIED by its fetch").until(() ->
                daemon.inventory().all().stream().allMatch(p -> p.progress().state() == PushState.VERIFIED));
        for (String phone : VENDORS.keySet()) {
            assertThat(lab.phone(phone).orElseThrow().servers()).as(phone).startsWith(b);
            var fetch = daemon.provisioning().orElseThrow().ledger().lastConfigFetch(InetAddress.getByName(phone))
                    .orElseThrow();
            assertThat(fetch.file()).as(phone).isEqualTo(SERVER_FILES.get(phone));
            assertThat(fetch.servers().get(0).toString()).as(phone).isEqualTo(b);
        }

        first = Kamailio.start(InetAddress.getByName("127.73.5.10"), portA);
        await().atMost(Duration.ofSeconds(30)).until(() -> daemon.health().state("pm-a") == HealthState.UP);
        daemon.plans().forEach(p -> daemon.jobs().failback(p.name(), false, "failback by the test"));
        await().atMost(Duration.ofSeconds(30)).alias("every phone back at the first Kamailio")
                .until(() -> VENDORS.keySet().stream().allMatch(p -> registeredTo(p).equals(Optional.of(a))));
        await().atMost(Duration.ofSeconds(10)).alias("every phone VERIFIED back").until(() -> daemon.inventory()
                .all().stream().allMatch(p -> p.progress().state() == PushState.VERIFIED
                        && p.progress().desired().orElseThrow().target().toString().equals(a)));

        for (String phone : VENDORS.keySet()) {
            var provisioning = lab.phone(phone).orElseThrow().provisioning().orElseThrow();
            assertThat(provisioning.reboots()).as(phone).isZero();
            assertThat(provisioning.notifies()).as(phone + ": moved by the controller's NOTIFYs")
                    .isGreaterThanOrEqualTo(2);
        }
        assertThat(lab.provisioningSummary().rebootedPhones()).isZero();
        try (Stream<Path> files = Files.walk(folder.resolve("logs"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(PASSWORD);
            }
        }
        List<String> logged = logs.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
        assertThat(logged).as("the daemon and the lab logged").isNotEmpty();
        assertThat(logged).noneMatch(line -> line.contains(PASSWORD));
    }

    private Optional<String> registeredTo(String phone) {
        return lab.phone(phone).orElseThrow().registeredTo();
    }

    /** The vendors' files as an administrator keeps them, each naming the first Kamailio and the line's password. */
    private Path writeConfig(String a, int provisioningPort) throws IOException {
        Path files = Files.createDirectories(folder.resolve("files"));
        String host = a.substring(0, a.indexOf(':'));
        String port = a.substring(a.indexOf(':') + 1);
        Files.writeString(files.resolve("0004f2490601.cfg"), """
                <?xml version="1.0" standalone="yes"?>
                <APPLICATION APP_FILE_PATH="sip.ld" CONFIG_FILES="[PHONE_MAC_ADDRESS]-user.cfg" MISC_FILES=""/>
                """);
        Files.writeString(files.resolve("0004f2490601-user.cfg"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <polycomConfig>
                  <reg reg.1.address="2001" reg.1.auth.userId="2001" reg.1.auth.password="%s"
                       reg.1.server.1.address="%s" reg.1.server.1.port="%s" reg.1.server.1.transport="UDPOnly"/>
                </polycomConfig>
                """.formatted(PASSWORD, host, port));
        Files.writeString(files.resolve("snomD785-000413490701.htm"), """
                <?xml version="1.0" encoding="utf-8"?>
                <setting-files>
                  <file url="http://127.73.0.1:%d/000413490701.xml"/>
                </setting-files>
                """.formatted(provisioningPort));
        Files.writeString(files.resolve("000413490701.xml"), """
                <?xml version="1.0" encoding="utf-8"?>
                <settings>
                  <phone-settings>
                    <user_active idx="1" perm="R">on</user_active>
                    <user_name idx="1" perm="R">2002</user_name>
                    <user_pass idx="1" perm="R">%s</user_pass>
                    <user_host idx="1" perm="">%s</user_host>
                  </phone-settings>
                </settings>
                """.formatted(PASSWORD, a));
        Files.writeString(files.resolve("cfg000b82490801.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <gs_provision version="1">
                  <mac>000b82490801</mac>
                  <config version="1">
                    <P271>1</P271>
                    <P35>2003</P35>
                    <P34>%s</P34>
                    <P47>%s</P47>
                  </config>
                </gs_provision>
                """.formatted(PASSWORD, a));
        Path config = folder.resolve("controller.yaml");
        Files.writeString(config, """
                phoneManagers:
                  pm-a: { address: %s, transport: udp, probe: sip-options }
                  pm-b: { address: %s, transport: udp, probe: sip-options }
                ranges:
                  - { name: polycom, addresses: [127.73.6.0/24], primary: pm-a, fallback: pm-b,
                      protocols: ["provisioning:polycom"] }
                  - { name: snom, addresses: [127.73.7.0/24], primary: pm-a, fallback: pm-b,
                      protocols: ["provisioning:snom"] }
                  - { name: grandstream, addresses: [127.73.8.0/24], primary: pm-a, fallback: pm-b,
                      protocols: ["provisioning:grandstream"] }
                provisioning:
                  listen: 127.73.0.1:%d
                  source: { directory: files }
                  fetchDeadline: 3s
                probe:    { interval: 200ms, timeout: 150ms, failuresToDown: 3, successesToUp: 3 }
                failover: { maxInFlight: 16, maxPerSecond: 100, failback: manual }
                scan:     { ratePerSecond: 1000, timeout: 1s, retries: 1 }
                storage:  { url: "jdbc:h2:file:%s" }
                admin:    { listen: 127.0.0.1:%d, tokenFile: data/admin.token }
                """.formatted(a, second.address(), provisioningPort, folder.resolve("data/phonecontroller"),
                Ports.freeTcp("127.0.0.1")));
        return config;
    }
}
