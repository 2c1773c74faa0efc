package org.phonecontroller.protocols.testpeers;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.phonecontroller.protocols.ServerAddress;

/** SIPp as a UAS that answers every OPTIONS over UDP with a given status and Server header. */
public final class Sipp extends ExternalPeer {

    private final ServerAddress address;

    private Sipp(ServerAddress address, List<String> command, Path dir) throws IOException {
        super("sipp-" + address.host() + "-" + address.port(), command, dir);
        this.address = address;
    }

    public static Sipp answeringOptions(InetAddress ip, int port, int status, String server) throws IOException {
        String binary = requireBinary("sipp", "sip-tester");
        String host = ip.getHostAddress();
        Path dir = Path.of("target", "peers", "sipp-" + host + "-" + port).toAbsolutePath();
        Files.createDirectories(dir);
        Path scenario = dir.resolve("options-uas.xml");
        Files.writeString(scenario, """
                <?xml version="1.0" encoding="ISO-8859-1" ?>
                <scenario name="answer OPTIONS">
                  <recv request="OPTIONS" />
                  <send>
                    <![CDATA[

                      SIP/2.0 %d Answer
                      [last_Via:]
                      [last_From:]
                      [last_To:];tag=[pid]sipp[call_number]
                      [last_Call-ID:]
                      [last_CSeq:]
                      Server: %s
                      Content-Length: 0

                    ]]>
                  </send>
                </scenario>
                """.formatted(status, server));
        return new Sipp(new ServerAddress(host, port), List.of(binary, "-sf", scenario.toString(), "-i", host,
                "-p", Integer.toString(port), "-t", "u1", "-nostdin", "-bind_local", "-trace_err",
                "-error_file", dir.resolve("errors.log").toString()), dir);
    }

    public ServerAddress address() {
        return address;
    }
}
