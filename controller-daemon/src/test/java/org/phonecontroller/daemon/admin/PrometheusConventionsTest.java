package org.phonecontroller.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;

/**
 * The metrics as Prometheus's own tools judge them: {@code promtool check metrics} on the real exposition,
 * {@code promtool check rules} and {@code promtool test rules} on the shipped alert rules, and a real Prometheus
 * (Debian package prometheus) scraping {@code /metrics} with the admin token. Addresses from 127.70.0.0/16.
 */
class PrometheusConventionsTest {
    static final Path DIST = Path.of("src/dist/monitoring");

    @TempDir
    Path dir;
    AdminServer server;
    Process prometheus;

    @AfterEach
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(10, TimeUnit.SECONDS);
            prometheus.destroyForcibly();
        }
        if (server != null) {
            server.close();
        }
    }

    static ControllerMetrics metricsAfterAFailover() {
        ControllerMetrics metrics = ControllerMetrics.withJvmMetrics().withBuildInfo("0.1.0-test");
        Instant t = FakeAdminOperations.T0;
        metrics.counted(Event.ofPhoneManager(t, EventKind.PHONE_MANAGER_SUSPECT, "pm-a", "missed"));
        metrics.counted(Event.ofPhoneManager(t, EventKind.PHONE_MANAGER_DOWN, "pm-a", "missed 3"));
        metrics.counted(Event.ofRange(t, EventKind.FAILOVER_STARTED, "floor-1", "to pm-b"));
        metrics.counted(Event.ofPhone(t, EventKind.PHONE_FAILED, "floor-1", "127.70.16.3", "pm-b", "401"));
        metrics.counted(Event.ofRange(t, EventKind.FAILBACK_STARTED, "floor-2", "by admin"));
        metrics.probed("pm-b", Duration.ofMillis(4), true);
        metrics.pushed("floor-1", new org.phonecontroller.protocols.PushResult.Applied(
                org.phonecontroller.protocols.ServerAssignment.of(
                        new org.phonecontroller.protocols.ServerAddress("127.70.1.10", 5060)), Duration.ofMillis(9)));
        FakeAdminOperations daemon = new FakeAdminOperations();
        daemon.primaryState = HealthState.DOWN;
        metrics.refresh(daemon.status());
        return metrics;
    }

    static ProcessResult run(Path workDir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new ProcessResult(p.exitValue(), output);
    }

    record ProcessResult(int exit, String output) {
    }

    @Test
    void theExpositionPassesPromtoolAndNamesWhatAnAdminAlertsOn() throws Exception {
        String exposition = metricsAfterAFailover().scrape();
        Path file = dir.resolve("metrics.txt");
        Files.writeString(file, exposition);
        ProcessResult lint = run(dir, "sh", "-c", "promtool check metrics < metrics.txt");
        assertThat(lint.output()).isEmpty();
        assertThat(lint.exit()).isZero();

        assertThat(exposition).contains(
                "phonecontroller_build_info{java_version=\"" + System.getProperty("java.version")
                        + "\",version=\"0.1.0-test\"} 1",
                "phonecontroller_phone_manager_up{phone_manager=\"pm-a\"} 0",
                "phonecontroller_phone_manager_up{phone_manager=\"pm-b\"} 1",
                "phonecontroller_phone_manager_last_transition_timestamp_seconds{phone_manager=\"pm-a\"} "
                        + (double) FakeAdminOperations.T0.getEpochSecond(),
                "phonecontroller_phone_manager_transitions_total{phone_manager=\"pm-a\",to=\"DOWN\"} 1",
                "phonecontroller_failovers_total{range=\"floor-1\"} 1",
                "phonecontroller_phone_failures_total{range=\"floor-1\"} 1",
                "phonecontroller_range_target{range=\"floor-1\",target=\"FALLBACK\"} 1",
                "phonecontroller_range_info{fallback=\"pm-b\",primary=\"pm-a\",range=\"floor-1\"} 1",
                "phonecontroller_phones{range=\"floor-1\",state=\"FAILED\"} 1");
        assertThat(exposition).doesNotContain("127.70.16.3").doesNotContain("phone=\"");
    }

    @Test
    void theShippedAlertRulesPassPromtoolAndFireOnAFailover() throws Exception {
        Files.copy(DIST.resolve("phonecontroller-alerts.yml"), dir.resolve("phonecontroller-alerts.yml"));
        Files.copy(Path.of("src/test/resources/notify/alerts-test.yml"), dir.resolve("alerts-test.yml"));
        ProcessResult check = run(dir, "promtool", "check", "rules", "phonecontroller-alerts.yml");
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 6 rules found");
        ProcessResult test = run(dir, "promtool", "test", "rules", "alerts-test.yml");
        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void theGrafanaDashboardAsksOnlyForMetricsTheDaemonExposes() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DIST.resolve("phonecontroller-dashboard.json").toFile());
        String exposition = metricsAfterAFailover().scrape();
        List<String> names = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("phonecontroller_[a-z_]+")
                .matcher(dashboard.toString());
        while (m.find()) {
            names.add(m.group());
        }
        assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(exposition).containsPattern(
                "(?m)^" + name + "[{ ]"));
    }

    @Test
    void aRealPrometheusScrapesMetricsWithTheAdminToken() throws Exception {
        FakeAdminOperations daemon = new FakeAdminOperations();
        Path tokenFile = dir.resolve("data/admin.token");
        server = AdminServer.start(AdminServerSettings.loopback(new InetSocketAddress("127.70.0.6", 0), tokenFile),
                daemon, ControllerMetrics.withJvmMetrics().withBuildInfo("0.1.0-test"), new SecureRandom());
        int webPort;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.70.0.7", 0));
            webPort = s.getLocalPort();
        }
        Files.writeString(dir.resolve("prometheus.yml"), """
                global: { scrape_interval: 1s, evaluation_interval: 1s }
                scrape_configs:
                  - job_name: phonecontroller
                    authorization: { credentials_file: %s }
                    static_configs: [ { targets: ["127.70.0.6:%d"] } ]
                """.formatted(tokenFile, server.address().getPort()));
        prometheus = new ProcessBuilder("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.70.0.7:" + webPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        URI query = URI.create("http://127.70.0.7:" + webPort + "/api/v1/query?query="
                + java.net.URLEncoder.encode("phonecontroller_phone_manager_up", StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(
                IOException.class).untilAsserted(() -> {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(query).build(),
                            HttpResponse.BodyHandlers.ofString());
                    JsonNode result = new ObjectMapper().readTree(answer.body()).at("/data/result");
                    assertThat(result).as(answer.body()).hasSize(2);
                });
        assertThat(Files.readString(dir.resolve("prometheus.log"))).doesNotContain(Files.readString(tokenFile)
                .strip());
    }
}
