package org.phonecontroller.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code phonectl probe|inspect|discover}: usage and configuration errors exit 2 and ask nothing; a TCP probe. */
class DiagnosticCommandsTest {

    @TempDir
    Path folder;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int phonectl(String... args) {
        return Phonectl.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void probeSaysUpForAnAcceptingTcpPortAndDownForAClosedOne() throws IOException {
        int closedPort;
        try (ServerSocket listening = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            assertThat(phonectl("probe", "127.0.0.1:" + listening.getLocalPort(), "--kind", "tcp")).isZero();
            assertThat(out.toString()).matches("UP \\d+\\.\\d ms\\R");
            closedPort = listening.getLocalPort();
        }
        out.getBuffer().setLength(0);

        assertThat(phonectl("probe", "127.0.0.1:" + closedPort, "--kind", "tcp")).isEqualTo(ExitCodes.PARTLY_FAILED);
        assertThat(out.toString()).startsWith("DOWN refused: ");
    }

    @Test
    void probeRefusesBadTargetsTransportsAndTimeouts() {
        assertThat(phonectl("probe", "127.0.0.1:99999")).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(phonectl("probe", "127.0.0.1:5060", "--transport", "sctp")).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(phonectl("probe", "127.0.0.1:5060", "--timeout", "soon")).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(err.toString()).contains("outside 1..65535").contains("unknown transport 'sctp'");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void inspectRefusesAHostNameAndAnUnknownProtocol() {
        assertThat(phonectl("inspect", "phone.example.com")).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(phonectl("inspect", "127.0.0.1", "--protocols", "telnet")).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(err.toString()).contains("'phone.example.com' is not an IP address")
                .contains("unknown protocol 'telnet' (known: sip, snmp:<profile>, polycom-rest");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anInvalidConfigurationIsAConfigurationErrorWithEveryProblem() throws IOException {
        Path config = Files.writeString(folder.resolve("controller.yaml"), "ranges: [ { name: x } ]\ncolour: red\n");

        assertThat(phonectl("inspect", "127.0.0.1", "--config", config.toString()))
                .isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(phonectl("discover", "x", "--config", config.toString())).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(err.toString()).contains("controller.yaml:2:1:").contains("is invalid").contains("nothing was asked");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void discoverRefusesMoreThanARangeOf65536AddressesWithoutAllowLarge() {
        assertThat(phonectl("discover", "10.0.0.0/8")).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(phonectl("discover", "floor-1")).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(phonectl("discover", "127.0.0.1", "--rate", "0")).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(err.toString()).contains("10.0.0.0/8 holds 16,777,216 addresses, more than 65,536")
                .contains("'floor-1' is neither a range name (give --config FILE) nor addresses")
                .contains("--rate 0 is outside");
        assertThat(out.toString()).isEmpty();
    }
}
