package org.phonecontroller.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 1,000 provisioning-driven Yealinks in this JVM: all boot-fetch and register, then a NOTIFY check-sync to every one
 * makes all of them fetch at once and move to the new server 1 — without a platform thread per phone (fetches run
 * on virtual threads). Timing is logged, not asserted.
 */
@Tag("scale")
class ProvisionedPhonesScaleTest {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisionedPhonesScaleTest.class);
    private static final int PHONES = 1000;

    @Test
    void aThousandYealinksFetchTogetherAfterAMassCheckSyncAndMoveWithoutAThreadPerPhone() {
        try (ProvisionedPhoneFiles files = new ProvisionedPhoneFiles("127.74.0.6")) {
            files.put("y000000000096.cfg", "#!version:1.0.0.1\n");
            LabConfig config = TestLabs.config("""
                    httpPort: HTTP_PORT
                    timers: { registerExpires: 300s, startupSpread: 3s }
                    phoneManagers: { pm-a: 127.74.1.20:5060, pm-b: 127.74.1.21:5060 }
                    phones:
                      - { addresses: 127.74.16.0/22, count: 1000, vendor: yealink, provisioning: { url: "URL" } }
                    """.replace("URL", files.url()));
            for (int i = 0; i < PHONES; i++) {
                files.put(mac(config, i) + ".cfg", ProvisionedPhonesTest.yealink("127.74.1.20",
                        "sip.notify_reboot_enable = 0\n"));
            }
            long t0 = System.nanoTime();
            try (PhoneLab lab = PhoneLab.start(config)) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> lab.summary().registeredPerPhoneManager().get("pm-a") == PHONES);
                LOG.info("{} provisioning phones fetched and registered {} ms after start", PHONES, ms(t0));
                for (int i = 0; i < PHONES; i++) {
                    files.put(mac(config, i) + ".cfg", ProvisionedPhonesTest.yealink("127.74.1.21",
                            "sip.notify_reboot_enable = 0\n"));
                }
                var threads = ManagementFactory.getThreadMXBean();
                threads.resetPeakThreadCount();
                long t1 = System.nanoTime();
                for (int i = 0; i < PHONES; i++) {
                    String phone = AddressList.format(config.phones().get(0).addresses().get(i));
                    assertThat(SipNotifier.notify("127.74.0.9", phone, "check-sync")).isEqualTo(200);
                }
                LOG.info("{} NOTIFYs answered in {} ms", PHONES, ms(t1));
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> lab.summary().registeredPerPhoneManager().get("pm-b") == PHONES);
                LOG.info("all {} moved to pm-b {} ms after the first NOTIFY; peak platform threads {}", PHONES,
                        ms(t1), threads.getPeakThreadCount());
                assertThat(lab.provisioningSummary().reboots()).isZero();
                assertThat(lab.provisioningSummary().fetches()).isEqualTo(4L * PHONES);
                assertThat(threads.getPeakThreadCount()).as("no platform thread per phone").isLessThan(PHONES / 5);
            }
        }
    }

    private static String mac(LabConfig config, int i) {
        int a = config.phones().get(0).addresses().get(i);
        return String.format("805ec0%02x%02x%02x", (a >>> 16) & 0xff, (a >>> 8) & 0xff, a & 0xff);
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
