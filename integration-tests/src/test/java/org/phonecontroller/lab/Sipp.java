package org.phonecontroller.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs one SIPp scenario (from test resources) against a target and returns what it logged. */
final class Sipp {
    private Sipp() {
    }

    /**
     * What a SIPp run did.
     *
     * @param exitCode 0 when every call succeeded (SIPp's own convention)
     * @param log      the scenario's {@code <log>} lines
     */
    record Run(int exitCode, String log, String output) {
    }

    static Run run(String scenario, String target, String service, String transport) {
        try {
            Path dir = Files.createTempDirectory("sipp");
            Path logFile = dir.resolve("scenario.log");
            Path scenarioFile = dir.resolve(scenario);
            try (var in = Sipp.class.getResourceAsStream("/sipp/" + scenario)) {
                Files.copy(in, scenarioFile);
            }
            List<String> cmd = new ArrayList<>(List.of("sipp", target, "-sf", scenarioFile.toString(), "-m", "1",
                    "-i", "127.0.0.1", "-p", Integer.toString(freeUdpPort()), "-s", service, "-t", transport,
                    "-recv_timeout", "2000", "-timeout", "8", "-timeout_error", "-trace_logs", "-log_file",
                    logFile.toString(), "-trace_err", "-error_file", dir.resolve("errors.log").toString(),
                    "-nostdin"));
            var r = ExternalTool.run(Duration.ofSeconds(20), cmd);
            String log = Files.exists(logFile) ? Files.readString(logFile) : "";
            String errors = Files.exists(dir.resolve("errors.log")) ? Files.readString(dir.resolve("errors.log"))
                    : "";
            return new Run(r.exitCode(), log, errors + r.all());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
