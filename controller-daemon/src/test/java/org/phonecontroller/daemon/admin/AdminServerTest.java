package org.phonecontroller.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.config.AdminSettings;

class AdminServerTest {

    @TempDir
    Path dir;

    private final FakeAdminOperations daemon = new FakeAdminOperations();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private AdminServer server;
    private String token;

    @BeforeEach
    void start() throws Exception {
        Path tokenFile = dir.resolve("data/admin.token");
        server = AdminServer.start(AdminServerSettings.loopback(new InetSocketAddress("127.0.0.1", 0), tokenFile),
                daemon, ControllerMetrics.withJvmMetrics(), new SecureRandom());
        token = Files.readString(tokenFile).strip();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answers401WithoutATokenAndWithAWrongOne() throws Exception {
        HttpResponse<String> none = http.send(request("/api/status").GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = http.send(request("/api/status").header("Authorization", "Bearer " + "0".repeat(64))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = http.send(request("/metrics").GET().build(), HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> answer : List.of(none, wrong, metrics)) {
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(json(answer.body()).path("error").asText()).isEqualTo("missing or wrong admin token");
            assertThat(answer.body()).doesNotContain(token);
        }
        assertThat(daemon.calls).isEmpty();
    }

    @Test
    void createsTheTokenFileReadableByItsOwnerOnlyAndReusesItAtTheNextStart() throws Exception {
        Path tokenFile = dir.resolve("data/admin.token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
        assertThat(token).matches("[0-9a-f]{64}");

        server.close();
        server = AdminServer.start(AdminServerSettings.loopback(new InetSocketAddress("127.0.0.1", 0), tokenFile),
                daemon, ControllerMetrics.withJvmMetrics(), new SecureRandom());

        assertThat(Files.readString(tokenFile).strip()).isEqualTo(token);
        assertThat(get("/api/status").statusCode()).isEqualTo(200);
    }

    @Test
    void servesTheStatusAsJson() throws Exception {
        HttpResponse<String> answer = get("/api/status");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode status = json(answer.body());
        assertThat(status.at("/controller/nodeId").asText()).isEqualTo("node-1");
        assertThat(status.at("/controller/uptime").asText()).isEqualTo("PT1H30M");
        assertThat(status.at("/phoneManagers/0/name").asText()).isEqualTo("pm-a");
        assertThat(status.at("/phoneManagers/0/state").asText()).isEqualTo("UP");
        assertThat(status.at("/phoneManagers/0/since").asText()).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(status.at("/ranges/0/desiredTarget").asText()).isEqualTo("FALLBACK");
        assertThat(status.at("/ranges/0/phonesByState/FAILED").asInt()).isEqualTo(1);
        assertThat(status.at("/ranges/0/phoneCount").asInt()).isEqualTo(3);
        assertThat(AdminJson.mapper().readValue(answer.body(), StatusReport.class)).isEqualTo(daemon.status());
    }

    @Test
    void filtersPhonesByRangeAndStateAndExplainsAnUnknownState() throws Exception {
        JsonNode failed = json(get("/api/phones?range=floor-1&state=failed").body());
        HttpResponse<String> badState = get("/api/phones?state=ASLEEP");
        HttpResponse<String> unknownRange = get("/api/phones?range=floor-9");

        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("address").asText()).isEqualTo("127.20.16.3");
        assertThat(failed.get(0).path("lastError").asText()).startsWith("HTTP 401");
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(json(badState.body()).path("error").asText()).contains("unknown phone state 'ASLEEP'", "SYNCED");
        assertThat(unknownRange.statusCode()).isEqualTo(404);
        assertThat(json(unknownRange.body()).path("advice").asText()).contains("phonectl status");
    }

    @Test
    void startsScansAndFailoversAsJobs() throws Exception {
        HttpResponse<String> scan = post("/api/scan", "");
        HttpResponse<String> failover = post("/api/failover", "{\"range\":\"floor-1\"}");
        HttpResponse<String> failoverWithoutRange = post("/api/failover", "{}");

        assertThat(scan.statusCode()).isEqualTo(202);
        assertThat(json(scan.body()).at("/0/id").asText()).isEqualTo("scan-1");
        assertThat(failover.statusCode()).isEqualTo(202);
        assertThat(json(failover.body()).at("/0/kind").asText()).isEqualTo("FAILOVER");
        assertThat(failoverWithoutRange.statusCode()).isEqualTo(400);
        assertThat(daemon.calls).contains("scan null", "failover floor-1");
    }

    @Test
    void refusesAFailbackWhileThePrimaryIsDownUnlessForced() throws Exception {
        daemon.primaryState = HealthState.DOWN;

        HttpResponse<String> refused = post("/api/failback", "{\"range\":\"floor-1\"}");
        HttpResponse<String> forced = post("/api/failback", "{\"range\":\"floor-1\",\"force\":true}");
        HttpResponse<String> dryRun = post("/api/failback", "{\"all\":true,\"dryRun\":true}");
        HttpResponse<String> neither = post("/api/failback", "{}");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(AdminJson.mapper().readValue(refused.body(), FailbackAnswer.class))
                .isInstanceOf(FailbackAnswer.Refused.class);
        assertThat(forced.statusCode()).isEqualTo(202);
        assertThat(json(forced.body()).path("outcome").asText()).isEqualTo("STARTED");
        assertThat(dryRun.statusCode()).isEqualTo(200);
        assertThat(json(dryRun.body()).at("/changes/0/to").asText()).isEqualTo("127.20.0.10:5060");
        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(json(neither.body()).path("error").asText()).contains("either a range or all");
    }

    @Test
    void reportsJobProgressAndAnswers404ForAnUnknownJob() throws Exception {
        daemon.jobScripts.put("failback-1", List.of(FakeAdminOperations.progress("failback-1",
                JobRef.JobKind.FAILBACK, 3, 2, 0, 1,
                List.of(new JobProgress.PhoneVerdict("127.20.16.3", JobProgress.PhoneVerdict.Outcome.FAILED, "timeout")),
                JobProgress.Verdict.PARTLY_FAILED)));

        JsonNode job = json(get("/api/jobs/failback-1").body());
        HttpResponse<String> unknown = get("/api/jobs/nope");
        HttpResponse<String> malformed = get("/api/jobs/a%20b");

        assertThat(job.path("verdict").asText()).isEqualTo("PARTLY_FAILED");
        assertThat(job.path("finished").asBoolean()).isTrue();
        assertThat(job.at("/problems/0/reason").asText()).isEqualTo("timeout");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(malformed.statusCode()).isEqualTo(400);
    }

    @Test
    void listsEventsSinceAnInstantAndStreamsNewOnesWhenFollowed() throws Exception {
        daemon.addEvent(FakeAdminOperations.T0.minusSeconds(60), "PHONE_MANAGER_DOWN", "floor-1", null, "old");
        daemon.addEvent(FakeAdminOperations.T0, "FAILOVER_STARTED", "floor-1", null, "recent");

        JsonNode recent = json(get("/api/events?since=" + FakeAdminOperations.T0).body());
        assertThat(recent).hasSize(1);
        assertThat(recent.get(0).path("kind").asText()).isEqualTo("FAILOVER_STARTED");

        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> stream = http.send(authorized("/api/events?follow=true&since=" + FakeAdminOperations.T0)
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("closed: " + e);
            }
        });
        daemon.addEvent(FakeAdminOperations.T0.plusSeconds(5), "PHONE_REPROGRAMMED", "floor-1", "127.20.16.1", "new");

        await().atMost(Duration.ofSeconds(10)).until(() -> lines.size() >= 2);
        assertThat(json(lines.get(0)).path("detail").asText()).isEqualTo("recent");
        assertThat(json(lines.get(1)).path("phone").asText()).isEqualTo("127.20.16.1");
        server.close();
        reader.join(Duration.ofSeconds(10));
        assertThat(reader.isAlive()).isFalse();
    }

    @Test
    void exposesPhoneAndPhoneManagerStatesAsPrometheusMetrics() throws Exception {
        HttpResponse<String> answer = get("/metrics");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(answer.body())
                .contains("phonecontroller_phones{range=\"floor-1\",state=\"FAILED\"} 1.0")
                .contains("phonecontroller_phone_manager_state{phone_manager=\"pm-a\",state=\"UP\"} 1.0")
                .contains("phonecontroller_range_on_fallback{range=\"floor-1\"} 1.0")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void answersConfigReloadWithTheRejectedProblems() throws Exception {
        daemon.reloadAnswer = new ConfigReloadAnswer.Rejected("conf/controller.yaml",
                List.of("conf/controller.yaml:3:5: unknown key 'adress'"));

        HttpResponse<String> answer = post("/api/config/reload", "");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(json(answer.body()).at("/problems/0").asText()).contains("unknown key");
    }

    @Test
    void refusesToBindANetworkAddressWithoutExplicitPermissionAndTls() {
        // RFC 5737 documentation address: refused before anything binds or sends.
        InetSocketAddress remote = new InetSocketAddress("192.0.2.10", 8765);
        Path tokenFile = dir.resolve("other.token");

        assertThatThrownBy(() -> AdminServer.start(AdminServerSettings.loopback(remote, tokenFile), daemon,
                ControllerMetrics.withJvmMetrics(), new SecureRandom()))
                .isInstanceOf(AdminServerRefused.class)
                .hasMessageContaining("192.0.2.10:8765 is not a loopback address")
                .hasMessageContaining("admin.allowRemote: true");
        assertThatThrownBy(() -> AdminServer.start(new AdminServerSettings(remote, tokenFile, true, null), daemon,
                ControllerMetrics.withJvmMetrics(), new SecureRandom()))
                .isInstanceOf(AdminServerRefused.class)
                .hasMessageContaining("admin.tls is missing");
        assertThat(tokenFile).doesNotExist();
    }

    @Test
    void servesHttpsWithTheConfiguredKeyStore() throws Exception {
        Path keyStore = dir.resolve("admin.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "admin", "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        AdminServerSettings settings = new AdminServerSettings(new InetSocketAddress("127.0.0.1", 0),
                dir.resolve("data/admin.token"), false, new AdminServerSettings.Tls(keyStore, "changeit"));

        try (AdminServer https = AdminServer.start(settings, daemon, ControllerMetrics.withJvmMetrics(),
                new SecureRandom())) {
            KeyStore trusted = KeyStore.getInstance(keyStore.toFile(), "changeit".toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(context).build();

            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + https.address().getPort() + "/api/status"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(json(answer.body()).at("/controller/nodeId").asText()).isEqualTo("node-1");
        }
    }

    @Test
    void mapsTheConfiguredAdminSectionIncludingTls() throws Exception {
        Files.writeString(dir.resolve("tls.password"), "changeit\n");
        AdminSettings admin = new AdminSettings("127.0.0.1", 8765, dir.resolve("t"), true,
                Optional.of(new AdminSettings.Tls(dir.resolve("admin.p12"), dir.resolve("tls.password"))));

        AdminServerSettings settings = AdminServerSettings.of(admin);

        assertThat(settings.listen()).isEqualTo(new InetSocketAddress("127.0.0.1", 8765));
        assertThat(settings.allowRemote()).isTrue();
        assertThat(settings.tls()).isEqualTo(new AdminServerSettings.Tls(dir.resolve("admin.p12"), "changeit"));
        assertThat(settings.tls().toString()).doesNotContain("changeit");
        assertThatThrownBy(() -> AdminServerSettings.of(new AdminSettings("127.0.0.1", 8765, dir.resolve("t"), false,
                Optional.of(new AdminSettings.Tls(dir.resolve("admin.p12"), dir.resolve("missing"))))))
                .isInstanceOf(AdminServerRefused.class).hasMessageContaining("admin.tls.passwordFile");
    }

    @Test
    void unknownRoutesAndMethodsGetJsonErrors() throws Exception {
        assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
        assertThat(get("/api/scan").statusCode()).isEqualTo(405);
        assertThat(post("/api/failback", "{not json").statusCode()).isEqualTo(400);
    }

    private HttpRequest.Builder request(String path) {
        InetSocketAddress a = server.address();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path))
                .timeout(Duration.ofSeconds(10));
    }

    private HttpRequest.Builder authorized(String path) {
        return request(path).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(authorized(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(authorized(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String text) throws Exception {
        return AdminJson.mapper().readTree(text);
    }
}
