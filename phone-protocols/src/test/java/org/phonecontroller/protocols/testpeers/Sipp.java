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

    /**
     * SIPp as a phone that REGISTERs once as {@code user} from {@code ip:port} to {@code registrar} over UDP (Expires
     * 300, User-Agent {@code userAgent}), then exits.
     */
    public static Sipp registeringOnce(InetAddress ip, int port, ServerAddress registrar, String user,
                                       String userAgent) throws IOException {
        String binary = requireBinary("sipp", "sip-tester");
        String host = ip.getHostAddress();
        Path dir = Path.of("target", "peers", "sipp-register-" + host + "-" + port).toAbsolutePath();
        Files.createDirectories(dir);
        Path scenario = dir.resolve("register-uac.xml");
        Files.writeString(scenario, """
                <?xml version="1.0" encoding="ISO-8859-1" ?>
                <scenario name="register once">
                  <send retrans="500">
                    <![CDATA[

                      REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
                      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                      From: <sip:[service]@[remote_ip]>;tag=[pid]reg[call_number]
                      To: <sip:[service]@[remote_ip]>
                      Call-ID: [call_id]
                      CSeq: 1 REGISTER
                      Contact: <sip:[service]@[local_ip]:[local_port]>
                      Max-Forwards: 70
                      Expires: 300
                      User-Agent: %s
                      Content-Length: 0

                    ]]>
                  </send>
                  <recv response="200" />
                </scenario>
                """.formatted(userAgent));
        return new Sipp(new ServerAddress(host, port), List.of(binary, "-sf", scenario.toString(), "-i", host,
                "-p", Integer.toString(port), "-t", "u1", "-nostdin", "-m", "1", "-s", user, "-bind_local",
                "-timeout", "10s", registrar.host() + ":" + registrar.port()), dir);
    }

    public ServerAddress address() {
        return address;
    }
}
