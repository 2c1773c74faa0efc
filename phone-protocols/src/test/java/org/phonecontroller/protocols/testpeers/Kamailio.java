package org.phonecontroller.protocols.testpeers;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.phonecontroller.protocols.ServerAddress;

/**
 * Kamailio as a PhoneManager: a registrar that answers OPTIONS with 200, listening on UDP and TCP at one
 * loopback address and port, in the foreground with its own runtime directory under {@code target/}.
 */
public final class Kamailio extends ExternalPeer {

    private final ServerAddress address;

    private Kamailio(ServerAddress address, List<String> command, Path dir) throws IOException {
        super("kamailio-" + address.host() + "-" + address.port(), command, dir);
        this.address = address;
    }

    public static Kamailio start(InetAddress ip, int port) throws IOException {
        return start(ip, port, false, java.util.Set.of());
    }

    /**
     * Kamailio with its location table readable over JSON-RPC: modules {@code xhttp} + {@code jsonrpcs}, and
     * {@code event_route[xhttp:request]} dispatching {@code /RPC} to {@code jsonrpc_dispatch()}. HTTP arrives on the
     * SIP TCP listener, so the URL is {@link #jsonRpcUrl()}.
     */
    public static Kamailio withJsonRpc(InetAddress ip, int port) throws IOException {
        return start(ip, port, true, java.util.Set.of());
    }

    /** As {@link #withJsonRpc}, refusing (403) every REGISTER sent from one of {@code refusedSources} (IP literals). */
    public static Kamailio withJsonRpc(InetAddress ip, int port, java.util.Set<String> refusedSources)
            throws IOException {
        return start(ip, port, true, refusedSources);
    }

    private static Kamailio start(InetAddress ip, int port, boolean jsonRpc, java.util.Set<String> refusedSources)
            throws IOException {
        StringBuilder refusals = new StringBuilder();
        for (String source : refusedSources) {
            refusals.append("  if (method == \"REGISTER\" && $si == \"").append(source)
                    .append("\") { sl_send_reply(\"403\", \"Forbidden\"); exit; }\n");
        }
        String binary = requireBinary("kamailio", "kamailio");
        String host = ip.getHostAddress();
        Path dir = Path.of("target", "peers", "kamailio-" + host + "-" + port).toAbsolutePath();
        String rpcModules = jsonRpc ? """
                tcp_accept_no_cl=yes
                loadmodule "xhttp.so"
                loadmodule "jsonrpcs.so"
                modparam("jsonrpcs", "transport", 1)
                """ : "";
        String rpcRoute = jsonRpc ? """
                event_route[xhttp:request] {
                  if ($hu =~ "^/RPC") { jsonrpc_dispatch(); exit; }
                  xhttp_reply("404", "Not Found", "text/plain", "only /RPC here");
                }
                """ : "";
        Files.createDirectories(dir.resolve("run"));
        Path cfg = dir.resolve("kamailio.cfg");
        Files.writeString(cfg, """
                #!KAMAILIO
                debug=1
                log_stderror=yes
                fork=yes
                children=1
                tcp_children=1
                disable_sctp=yes
                auto_aliases=no
                server_header="Server: kamailio-test"
                listen=udp:%1$s:%2$d
                listen=tcp:%1$s:%2$d
                mpath="%3$s"
                loadmodule "tm.so"
                loadmodule "sl.so"
                loadmodule "usrloc.so"
                loadmodule "registrar.so"
                %4$s
                %7$s
                request_route {
                %6$s
                  if (method == "OPTIONS") { sl_send_reply("200", "OK"); exit; }
                  if (method == "REGISTER") { save("location"); exit; }
                  sl_send_reply("404", "Not Here");
                }
                %5$s
                """.formatted(host, port, moduleDir(), rpcModules, rpcRoute, refusals,
                refusedSources.isEmpty() ? "" : "loadmodule \"pv.so\""));
        return new Kamailio(new ServerAddress(host, port), List.of(binary, "-f", cfg.toString(), "-DD", "-E",
                "-P", dir.resolve("kamailio.pid").toString(), "-Y", dir.resolve("run").toString(), "-w",
                dir.toString(), "-m", "32", "-M", "4"), dir);
    }

    /** Where this machine's Kamailio keeps its modules (Debian multiarch or plain layouts). */
    private static String moduleDir() {
        var candidates = new java.util.ArrayList<Path>();
        try (var dirs = Files.list(Path.of("/usr/lib"))) {
            dirs.map(d -> d.resolve("kamailio/modules")).forEach(candidates::add);
        } catch (IOException e) {
            // fall through to the fixed candidates
        }
        candidates.add(Path.of("/usr/lib64/kamailio/modules"));
        candidates.add(Path.of("/usr/local/lib/kamailio/modules"));
        return candidates.stream().filter(d -> Files.exists(d.resolve("tm.so"))).findFirst()
                .map(d -> d + "/").orElseThrow(() -> new IllegalStateException(
                        "Kamailio is installed but its modules (tm.so) are not under /usr/lib/*/kamailio/modules"));
    }

    public ServerAddress address() {
        return address;
    }

    /** The JSON-RPC endpoint of a Kamailio started {@link #withJsonRpc}. */
    public java.net.URI jsonRpcUrl() {
        return java.net.URI.create("http://" + address.host() + ":" + address.port() + "/RPC");
    }
}
