package org.phonecontroller.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 10,000 mixed phones in this JVM (scripts/lab-10k.yaml): all register, and real clients get answers from phones
 * across the whole address space. Timing is reported, not asserted (scripts/bench/lab-startup measures it).
 */
@Tag("scale")
class LabScaleTest {
    private static final Logger LOG = LoggerFactory.getLogger(LabScaleTest.class);

    @Test
    void tenThousandMixedPhonesStartRegisterAndAnswerRealClients() throws Exception {
        // scripts/lab-10k.yaml moved from 127.20/16 to 127.77/16 and to a free HTTP port, so that it can run
        // beside a demo lab.
        String yaml = Files.readString(Path.of("..", "scripts", "lab-10k.yaml")).replace("127.20.", "127.77.");
        LabConfig config = TestLabs.config("httpPort: HTTP_PORT\n" + yaml);
        long t0 = System.nanoTime();
        try (PhoneLab lab = PhoneLab.start(config)) {
            LOG.info("10,000 phones bound in {} ms", lab.startupMillis());
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> lab.summary().registered() == 10_000);
            LOG.info("10,000 phones registered {} ms after start", (System.nanoTime() - t0) / 1_000_000);
            assertThat(lab.summary().registeredPerPhoneManager()).containsEntry("pm-a", 10_000);

            var snmp = ExternalTool.run(Duration.ofSeconds(10), "snmpget", "-v3", "-l", "authPriv", "-u", "labadmin",
                    "-a", "SHA-256", "-A", "labauth123", "-x", "AES", "-X", "labpriv123", "127.77.37.220",
                    "1.3.6.1.4.1.9.9.152.1.1.1.23.0");
            assertThat(snmp.out()).as(snmp.all()).contains("127.77.0.10:5060");
            var http = ExternalTool.run(Duration.ofSeconds(10), "curl", "-sS", "-u", "Polycom:lab",
                    "http://127.77.31.150:" + config.ports().http() + "/api/v1/mgmt/lineInfo");
            assertThat(http.out()).contains("\"RegistrationStatus\":\"registered\"");
            assertThat(Sipp.run("options.xml", "127.77.67.231:5060", "phone", "u1").log())
                    .contains("USER-AGENT: Yealink");
        }
    }
}
