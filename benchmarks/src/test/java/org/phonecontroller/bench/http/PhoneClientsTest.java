package org.phonecontroller.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.phonecontroller.protocols.http.DigestResponder;
import org.phonecontroller.protocols.http.HttpCredentials;

/**
 * The HTTP client benchmark's ground: the fake phones (another process) challenge, refuse wrong credentials, and
 * both clients complete the phone exchange on every phone, each on a connection of its own, with as many requests
 * as the figures of docs/benchmarks-jmh.md say.
 */
class PhoneClientsTest {

    private static FakePhoneProcess phones;

    @BeforeAll
    static void start() throws Exception {
        phones = FakePhoneProcess.start("127.95.0.1", 8);
    }

    @AfterAll
    static void stop() throws Exception {
        phones.close();
    }

    private static HttpResponse<String> get(InetSocketAddress phone, String authorization) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            var request = HttpRequest.newBuilder(URI.create("http://" + phone.getAddress().getHostAddress() + ":"
                    + phone.getPort() + PhoneClient.CALL_STATUS)).timeout(Duration.ofSeconds(5));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void challengesARequestWithoutCredentials() throws Exception {
        HttpResponse<String> response = get(phones.phones().get(0), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                .startsWith("Digest ").contains("qop=\"auth\"", "algorithm=MD5", "nonce=\"");
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        InetSocketAddress phone = phones.phones().get(1);
        String challenge = get(phone, null).headers().firstValue("WWW-Authenticate").orElseThrow();
        String answer = DigestResponder.authorization(challenge, new HttpCredentials(FakePhoneProcess.USER, "wrong"),
                "GET", PhoneClient.CALL_STATUS, "0a4f113b").orElseThrow();

        assertThat(get(phone, answer).statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(PhoneClient.Pattern.class)
    void theJdkTransportAnswersOneChallengePerPhoneOnOneConnection(PhoneClient.Pattern pattern) throws Exception {
        try (PhoneClient client = new JdkPhoneClient(Duration.ofSeconds(5))) {
            assertThat(perPhone(client, pattern)).containsExactly(3, 1, 1);
        }
    }

    /**
     * Apache HttpClient 5 scopes its auth cache by path prefix (RFC 7617 protection space): the POST to
     * {@code /api/v1/mgmt/...} after a GET of {@code /api/v1/webCallControl/...} is sent without credentials and
     * challenged again.
     */
    @Test
    void apacheIsChallengedAgainWhenTheSecondRequestIsUnderAnotherPath() throws Exception {
        try (PhoneClient client = new ApachePhoneClient(Duration.ofSeconds(5), 64)) {
            assertThat(perPhone(client, PhoneClient.Pattern.GET_THEN_POST)).containsExactly(4, 2, 1);
        }
    }

    @Test
    void apacheAnswersOneChallengePerPhoneWhenBothRequestsShareAPath() throws Exception {
        try (PhoneClient client = new ApachePhoneClient(Duration.ofSeconds(5), 64)) {
            assertThat(perPhone(client, PhoneClient.Pattern.POST_THEN_POST)).containsExactly(3, 1, 1);
        }
    }

    /** Requests, 401s and connections per phone, after an exchange with every phone at once. */
    private static long[] perPhone(PhoneClient client, PhoneClient.Pattern pattern) throws Exception {
        long[] before = counters();
        exchangeWithEveryPhone(client, pattern);
        long[] after = counters();
        int n = phones.phones().size();
        long[] per = new long[3];
        for (int i = 0; i < 3; i++) {
            assertThat((after[i] - before[i]) % n).as("counter %d is a multiple of the phones", i).isZero();
            per[i] = (after[i] - before[i]) / n;
        }
        return per;
    }

    private static void exchangeWithEveryPhone(PhoneClient client, PhoneClient.Pattern pattern) throws Exception {
        List<CompletableFuture<Void>> all = phones.phones().stream().map(p -> client.exchange(p, pattern)).toList();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    private static long[] counters() throws Exception {
        String stats = phones.stats();
        return new long[] {FakePhoneProcess.counter(stats, "requests"), FakePhoneProcess.counter(stats, "challenges"),
                FakePhoneProcess.counter(stats, "connections")};
    }
}
