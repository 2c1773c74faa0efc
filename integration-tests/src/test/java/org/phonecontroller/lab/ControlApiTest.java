package org.phonecontroller.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phonecontroller.lab.internal.ControlApiServer;

/** The control API that tests, the demo and the benchmarks drive the lab with. */
class ControlApiTest {
    private static PhoneLab lab;
    private static ControlApiServer api;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        lab = TestLabs.start("""
                httpPort: HTTP_PORT
                timers: { registerExpires: 60s, startupSpread: 100ms }
                phoneManagers: { pm-a: 127.31.1.50:5060, pm-b: { address: 127.31.1.51:5060, probeLoss: 0.5 } }
                phones:
                  - { addresses: 127.31.7.0/24, count: 20, vendor: polycom-rest, registeredTo: pm-a }
                  - { addresses: 127.31.8.1-127.31.8.5, vendor: yealink, registeredTo: pm-b }
                """);
        api = new ControlApiServer(lab, new InetSocketAddress("127.0.0.1", 0));
        api.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lab.summary().registered() == 25);
    }

    @AfterAll
    static void stop() {
        api.close();
        lab.close();
    }

    @Test
    void statusListsPhoneManagersWithTheirRegistrationsAndEveryPhone() throws Exception {
        JsonNode status = get("/status");
        assertThat(status.path("summary").path("phones").asInt()).isEqualTo(25);
        assertThat(status.path("summary").path("registeredPerPhoneManager").path("pm-a").asInt()).isEqualTo(20);
        assertThat(status.path("phoneManagers").get(0).path("state").asText()).isEqualTo("UP");
        assertThat(status.path("phoneManagers").get(0).path("registrations").size()).isEqualTo(20);
        assertThat(status.path("phones").size()).isEqualTo(25);
        JsonNode phone = status.path("phones").get(0);
        assertThat(phone.path("address").asText()).isEqualTo("127.31.7.1");
        assertThat(phone.path("vendor").asText()).isEqualTo("polycom-rest");
        assertThat(phone.path("servers").get(0).asText()).isEqualTo("127.31.1.50:5060");
        assertThat(phone.path("registeredTo").asText()).isEqualTo("pm-a");
        assertThat(phone.path("busy").asBoolean()).isFalse();
    }

    @Test
    void compactStatusAndFiltersKeepAnswersSmall() throws Exception {
        JsonNode compact = get("/status?phones=false&registrations=false");
        assertThat(compact.has("phones")).isFalse();
        assertThat(compact.path("phoneManagers").get(1).path("registeredCount").asInt()).isEqualTo(5);
        assertThat(compact.path("phoneManagers").get(1).path("probeLoss").asDouble()).isEqualTo(0.5);
        assertThat(get("/phones?registeredTo=pm-b").size()).isEqualTo(5);
        assertThat(get("/phones?vendor=polycom-rest&limit=3").size()).isEqualTo(3);
    }

    @Test
    void killsHangsAndRestartsAPhoneManager() throws Exception {
        assertThat(post("/phone-managers/pm-b/kill", "").path("state").asText()).isEqualTo("KILLED");
        assertThat(post("/phone-managers/pm-b/restart", "").path("state").asText()).isEqualTo("UP");
        assertThat(post("/phone-managers/pm-b/hang", "").path("state").asText()).isEqualTo("HUNG");
        assertThat(post("/phone-managers/pm-b/restart", "").path("state").asText()).isEqualTo("UP");
        assertThat(post("/phone-managers/pm-b/probe-loss", "{\"fraction\":0.25}").path("probeLoss").asDouble())
                .isEqualTo(0.25);
    }

    @Test
    void putsAPhoneInACallAndEndsIt() throws Exception {
        assertThat(post("/phones/127.31.7.3/busy", "").path("busy").asBoolean()).isTrue();
        assertThat(get("/phones?busy=true").size()).isEqualTo(1);
        assertThat(post("/phones/127.31.7.3/idle", "").path("busy").asBoolean()).isFalse();
    }

    @Test
    void setsMisbehaviourAndStatsCountRegisters() throws Exception {
        JsonNode phone = post("/phones/127.31.7.4/misbehave", "{\"replyDelay\":\"300ms\",\"dropFraction\":0.1}");
        assertThat(phone.path("misbehaviour").path("dropFraction").asDouble()).isEqualTo(0.1);
        assertThat(post("/phones/127.31.7.4/behave", "").path("misbehaviour").path("dropFraction").asDouble())
                .isZero();
        JsonNode stats = get("/phone-managers/pm-a/stats");
        assertThat(stats.path("registers").asLong()).isGreaterThanOrEqualTo(20);
        assertThat(stats.path("registersPerSecond").size()).isPositive();
    }

    @Test
    void answersUnknownNamesAndBadInputWithClearErrors() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/phone-managers/pm-x/kill"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("no PhoneManager 'pm-x'");
        assertThat(send(HttpRequest.newBuilder(uri("/phones/127.31.99.1/busy"))
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/phone-managers/pm-a/probe-loss"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"fraction\":2}")).build()).statusCode()).isEqualTo(400);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.address().getPort() + path);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).GET().build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
