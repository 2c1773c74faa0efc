package org.phonecontroller.daemon.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.daemon.failover.PhoneManagerRef;
import org.phonecontroller.daemon.failover.RangePlan;
import org.phonecontroller.daemon.inventory.PhoneInventory;
import org.phonecontroller.daemon.storage.Database;
import org.phonecontroller.daemon.testing.FakeTime;
import org.phonecontroller.daemon.testing.RecordingEvents;
import org.phonecontroller.daemon.testing.TestDatabases;
import org.phonecontroller.protocols.PhoneProtocolFactory;
import org.phonecontroller.protocols.ProtocolSettings;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.snmp.SnmpCredentials;
import org.phonecontroller.ranges.IpRange;

/**
 * Issue #12 item 5 over real sockets: a silent SNMP address (a socket on 127.66.x.y:161 that reads and never
 * answers) is asked {@code scan.retries + 1} times by one scan — not (r+1)² as when the scan and the SNMP adapter
 * both retried it.
 */
class ScanRetriesOverTheNetworkTest {

    @TempDir
    Path folder;
    Database database;
    DatagramSocket silent;
    final AtomicInteger received = new AtomicInteger();
    final String address = "127.66." + ThreadLocalRandom.current().nextInt(0, 250) + "."
            + ThreadLocalRandom.current().nextInt(1, 250);

    @BeforeEach
    void silentAgent() throws Exception {
        database = TestDatabases.h2(folder);
        silent = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 161));
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[2048];
            while (!silent.isClosed()) {
                try {
                    silent.receive(new DatagramPacket(buffer, buffer.length));
                    received.incrementAndGet();
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void close() {
        silent.close();
        database.close();
    }

    @Test
    void asksASilentAddressRetriesPlusOneTimesInAll() throws Exception {
        int retries = 2;
        var settings = ProtocolSettings.defaults().withTimeout(Duration.ofMillis(200)).withRetries(retries)
                .withSnmp(new SnmpCredentials.V2c("c"));
        try (var factory = new PhoneProtocolFactory(Optional.empty())) {
            var snmp = factory.create("snmp:sip-ua-generic", settings);
            var pm = new PhoneManagerRef("pm", new ServerAddress("127.66.0.1", 5060));
            var range = new RangePlan("r", List.of(IpRange.parse(address)), pm, pm, List.of(snmp),
                    SweepProbes.of(List.of("snmp:sip-ua-generic"), Optional.of("c"), 80));
            var policy = new ScanPolicy(1000, 64, retries, 3, Duration.ofSeconds(5), Duration.ofMillis(200));
            new DiscoveryService(new PhoneInventory(database.jdbc()), policy, new FakeTime(), new RecordingEvents())
                    .scan(range, ScanProgress.NONE);
        }
        org.awaitility.Awaitility.await().alias("datagrams the silent address received: " + received)
                .during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> received.get() == retries + 1);
    }
}
