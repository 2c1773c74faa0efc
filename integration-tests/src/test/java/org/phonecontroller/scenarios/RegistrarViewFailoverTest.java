package org.phonecontroller.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.protocols.testpeers.Kamailio;

/**
 * Issue #15: a failover whose verdicts come from the target's registrar. The fallback pm-b is a real Kamailio (Debian,
 * xhttp + jsonrpcs) read over JSON-RPC {@code ul.dump}; the lab phones REGISTER there once pushed. Kamailio refuses
 * the REGISTERs of one phone: that phone holds pm-b (read back) but never registers, so it ends FAILED
 * NOT_REGISTERED, while every other phone is verified by its registration.
 */
class RegistrarViewFailoverTest {
    private static final String P = "127.68";
    private static final String REFUSED = P + ".16.3";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path folder;

    @Test
    void theFailoversVerdictsComeFromKamailiosLocationTable() throws Exception {
        InetAddress kamailioIp = InetAddress.getByName(P + ".2.10");
        int port = org.phonecontroller.protocols.testpeers.Loopback.freePort(kamailioIp);
        try (Kamailio kamailio = Kamailio.withJsonRpc(kamailioIp, port, Set.of(REFUSED))) {
            ControllerSetup setup = ControllerSetup.twoPhoneManagers(P)
                    .withPhoneManager("pm-b", P + ".2.10:" + port + ", registrar: { kind: kamailio-jsonrpc, url: \""
                            + kamailio.jsonRpcUrl() + "\", interval: 1s, timeout: 800ms, deadline: 6s }")
                    .withCiscoRange("cisco", P + ".16.1-" + P + ".16.6");
            try (Scenario s = Scenario.start(folder, setup, P, ScenarioLab.ciscoPhones(P, 16, 6))) {
                EventsJournal events = s.events();
                var lastStatus = new java.util.concurrent.atomic.AtomicReference<CommandResult>();
                try {
                    await().alias("pm-b's registrar view read (phonectl status shows it)")
                            .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                            .until(() -> {
                                lastStatus.set(s.daemon.phonectl("status"));
                                return lastStatus.get().out()
                                        .matches("(?s).*pm-b\\s+kamailio-jsonrpc\\s+(?!UNKNOWN).*");
                            });
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("no registrar view in phonectl status:\n"
                            + (lastStatus.get() == null ? "(none)" : lastStatus.get().all()) + "\n" + s.daemon.console(), e);
                }

                s.lab.lab().killPhoneManager("pm-a");

                await("FAILOVER_COMPLETED").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                        .until(() -> events.count("FAILOVER_COMPLETED") == 1);
                List<EventLine> reprogrammed = events.ofKind("PHONE_REPROGRAMMED");
                assertThat(reprogrammed).as(events.tail(30)).hasSize(5)
                        .allSatisfy(e -> assertThat(e.detail()).contains("registered at pm-b"))
                        .noneSatisfy(e -> assertThat(e.phone()).isEqualTo(REFUSED));
                assertThat(events.ofKind("PHONE_FAILED")).as(events.tail(30)).singleElement().satisfies(e -> {
                    assertThat(e.phone()).isEqualTo(REFUSED);
                    assertThat(e.detail()).startsWith("NOT_REGISTERED");
                });
                assertThat(events.ofKind("FAILOVER_COMPLETED")).singleElement()
                        .satisfies(e -> assertThat(e.detail()).contains("5 registered at pm-b"));

                CommandResult phones = s.daemon.phonectl("phones", "--json");
                assertThat(phones.out()).as(phones.all()).contains("\"registeredAt\" : \"pm-b\"");
                CommandResult status = s.daemon.phonectl("status");
                assertThat(status.out()).as(status.all()).containsPattern("pm-b\\s+kamailio-jsonrpc.*\\s5\\s+5\\s+0\\b");
            }
        }
    }
}
