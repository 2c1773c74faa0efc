package org.phonecontroller.protocols.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.FailureReason;

/** {@code asterisk-ami} against a fake AMI written from Asterisk's documentation (Asterisk is not in Debian 12). */
class AsteriskAmiClientTest {
    private static final Instant NOW = Instant.parse("2026-12-07T05:00:00Z");

    private InetAddress ip;
    private FakeAsteriskAmi ami;

    @BeforeEach
    void start() throws Exception {
        ip = RegistrarTestAddresses.random();
        ami = new FakeAsteriskAmi(ip, "phonecontroller", "s3cret-ami");
    }

    @AfterEach
    void stop() throws Exception {
        ami.close();
    }

    private AsteriskAmiClient client(String secret) {
        return new AsteriskAmiClient(ip.getHostAddress(), ami.port(), "phonecontroller", secret,
                RegistrarLimits.DEFAULTS.withTimeout(Duration.ofMillis(800)), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void listsLiveContactsByUriAndViaAddressButNotExpiredOnes() throws Exception {
        long later = NOW.getEpochSecond() + 300;
        ami.add(new FakeAsteriskAmi.Contact("201", "sip:201@127.68.9.1:5060", "127.68.9.1", "Yealink T46U", later));
        ami.add(new FakeAsteriskAmi.Contact("202", "sip:202@phone-202.example:5060;ob", "127.68.9.2", "Snom D785",
                later));
        ami.add(new FakeAsteriskAmi.Contact("203", "sip:203@127.68.9.3:5060", "127.68.9.3", "old",
                NOW.getEpochSecond() - 1));
        try (var client = client("s3cret-ami")) {
            RegistrarDump dump = client.dump().get(3, TimeUnit.SECONDS);
            assertThat(dump.contacts()).extracting(RegistrarContact::aor).containsExactly("201", "202");
            assertThat(dump.registeredAddresses()).containsExactlyInAnyOrder("127.68.9.1", "127.68.9.2");
            assertThat(dump.contacts().get(0).userAgent()).isEqualTo("Yealink T46U");
        }
        // the fake reads Logoff on its own thread, maybe a moment after the client closed
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(ami.actionsSeen).containsExactly("Login", "PJSIPShowContacts", "Logoff"));
    }

    @Test
    void aRefusedLoginIsAnAuthenticationFailureThatNamesTheUserButNotTheSecret() {
        try (var client = client("wrong-secret")) {
            Throwable t = catchThrowable(() -> client.dump().get(3, TimeUnit.SECONDS));
            assertThat(t).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(RegistrarException.class, e -> {
                        assertThat(e.reason()).isEqualTo(FailureReason.AUTH_FAILED);
                        assertThat(e.getMessage()).contains("phonecontroller").doesNotContain("wrong-secret");
                    });
        }
        assertThat(ami.actionsSeen).containsExactly("Login");
    }

    @Test
    void aHungManagerIsUnknownWithinTheTimeout() {
        ami.hang();
        try (var client = client("s3cret-ami")) {
            Throwable t = catchThrowable(() -> client.dump().get(3, TimeUnit.SECONDS));
            assertThat(t).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(RegistrarException.class,
                            e -> assertThat(e.reason()).isEqualTo(FailureReason.TIMEOUT));
        }
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        ami.close();
        try (var client = client("s3cret-ami")) {
            Throwable t = catchThrowable(() -> client.dump().get(3, TimeUnit.SECONDS));
            assertThat(t).cause().isInstanceOfSatisfying(RegistrarException.class,
                    e -> assertThat(e.reason()).isEqualTo(FailureReason.REFUSED));
        }
    }
}
