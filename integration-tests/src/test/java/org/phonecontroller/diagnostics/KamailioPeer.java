package org.phonecontroller.diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kamailio as a PhoneManager: a registrar answering OPTIONS with 200, on UDP and TCP at one loopback address and
 * port, in the foreground (the configuration of phone-protocols' {@code testpeers.Kamailio}).
 */
final class KamailioPeer extends PeerProcess {

    final String host;
    final int port;

    private KamailioPeer(String host, int port, List<String> command, Path dir) throws IOException {
        super("kamailio-" + host + "-" + port, command, dir, Map.of());
        this.host = host;
        this.port = port;
    }

    static KamailioPeer start(String host, int port, Path folder) throws IOException {
        String binary = requireBinary("kamailio", "kamailio");
        Path dir = folder.resolve("kamailio-" + host + "-" + port).toAbsolutePath();
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
                request_route {
                  if (method == "OPTIONS") { sl_send_reply("200", "OK"); exit; }
                  if (method == "REGISTER") { save("location"); exit; }
                  sl_send_reply("404", "Not Here");
                }
                """.formatted(host, port, moduleDir()));
        return new KamailioPeer(host, port, List.of(binary, "-f", cfg.toString(), "-DD", "-E",
                "-P", dir.resolve("kamailio.pid").toString(), "-Y", dir.resolve("run").toString(), "-w",
                dir.toString(), "-m", "32", "-M", "4"), dir);
    }

    String address() {
        return host + ":" + port;
    }

    private static String moduleDir() {
        var candidates = new ArrayList<Path>();
        try (var dirs = Files.list(Path.of("/usr/lib"))) {
            dirs.map(d -> d.resolve("kamailio/modules")).forEach(candidates::add);
        } catch (IOException e) {
            // only the fixed candidates then
        }
        candidates.add(Path.of("/usr/lib64/kamailio/modules"));
        candidates.add(Path.of("/usr/local/lib/kamailio/modules"));
        return candidates.stream().filter(d -> Files.exists(d.resolve("tm.so"))).findFirst()
                .map(d -> d + "/").orElseThrow(() -> new IllegalStateException(
                        "Kamailio is installed but its modules (tm.so) are not under /usr/lib/*/kamailio/modules"));
    }
}
