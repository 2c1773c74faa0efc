package org.phonecontroller.daemon.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.ProbeKind;
import org.phonecontroller.config.RegistrarConfig;
import org.phonecontroller.config.SipTransport;
import org.phonecontroller.daemon.failover.Registrations.Registration;
import org.phonecontroller.daemon.testing.FakeTime;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.registrar.RegistrarClient;
import org.phonecontroller.protocols.registrar.RegistrarContact;
import org.phonecontroller.protocols.registrar.RegistrarDump;
import org.phonecontroller.protocols.registrar.RegistrarException;

class RegistrarViewsTest {

    final FakeTime time = new FakeTime();
    final AtomicReference<CompletableFuture<RegistrarDump>> next = new AtomicReference<>();
    final AtomicInteger reads = new AtomicInteger();

    final RegistrarClient client = new RegistrarClient() {
        @Override
        public CompletableFuture<RegistrarDump> dump() {
            reads.incrementAndGet();
            return next.get();
        }

        @Override
        public String kind() {
            return "kamailio-jsonrpc";
        }

        @Override
        public void close() {
        }
    };

    RegistrarViews views() {
        var withView = new PhoneManagerConfig("pm-b", "127.68.1.10", 5060, SipTransport.UDP, ProbeKind.SIP_OPTIONS,
                5060, Optional.of(new RegistrarConfig.KamailioJsonRpc(URI.create("http://127.68.1.10:5060/RPC"),
                RegistrarConfig.Timing.DEFAULTS)));
        var without = new PhoneManagerConfig("pm-a", "127.68.0.10", 5060, SipTransport.UDP, ProbeKind.SIP_OPTIONS);
        return new RegistrarViews(List.of(without, withView), (pm, r) -> client, time);
    }

    static RegistrarDump dump(String... addresses) {
        return new RegistrarDump(java.util.Arrays.stream(addresses).map(a -> new RegistrarContact("100",
                Optional.of(a), Optional.empty(), "UA")).toList());
    }

    @Test
    void aPhoneIsRegisteredWhenTheLastReadListsItsAddress() {
        var views = views();
        next.set(CompletableFuture.completedFuture(dump("127.68.16.1")));

        views.readAllNow(Duration.ofSeconds(1));

        assertThat(views.hasView("pm-b")).isTrue();
        assertThat(views.hasView("pm-a")).isFalse();
        assertThat(views.lookup("pm-b", "127.68.16.1")).isEqualTo(Registration.REGISTERED);
        assertThat(views.lookup("pm-b", "127.68.16.2")).isEqualTo(Registration.NOT_REGISTERED);
        assertThat(views.lookup("pm-a", "127.68.16.1")).isEqualTo(Registration.UNKNOWN);
        assertThat(views.knownAt("pm-b")).contains(time.now());
    }

    @Test
    void aRegistrarThatDoesNotAnswerIsUnknownNeverEmpty() {
        var views = views();
        assertThat(views.lookup("pm-b", "127.68.16.1")).as("before the first read").isEqualTo(Registration.UNKNOWN);
        next.set(CompletableFuture.completedFuture(dump("127.68.16.1")));
        views.readAllNow(Duration.ofSeconds(1));
        next.set(CompletableFuture.failedFuture(new RegistrarException(FailureReason.TIMEOUT, "no answer")));

        views.readAllNow(Duration.ofSeconds(1));

        assertThat(views.lookup("pm-b", "127.68.16.1")).isEqualTo(Registration.UNKNOWN);
        assertThat(views.knownAt("pm-b")).isEmpty();
        assertThat(views.state("pm-b")).get().isInstanceOfSatisfying(ViewState.Unknown.class,
                u -> assertThat(u.reason()).startsWith("TIMEOUT"));
    }

    @Test
    void neverStartsASecondReadWhileOneIsInFlight() {
        var views = views();
        next.set(new CompletableFuture<>()); // a read that does not end
        views.start();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> reads.get() == 1);
            org.awaitility.Awaitility.await().during(Duration.ofMillis(3500)).atMost(Duration.ofSeconds(5))
                    .until(() -> reads.get() == 1);
        } finally {
            views.stop();
        }
    }
}
