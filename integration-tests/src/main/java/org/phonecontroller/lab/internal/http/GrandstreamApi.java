package org.phonecontroller.lab.internal.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.phonecontroller.lab.ChangeOutcome;
import org.phonecontroller.lab.LabConfig.HttpCredentials;
import org.phonecontroller.lab.internal.SimulatedPhone;
import org.phonecontroller.protocols.ServerAddress;

/**
 * Grandstream's CGI API: {@code POST /cgi-bin/dologin} (username, password) returns a {@code sid};
 * {@code /cgi-bin/api.values.post} with {@code P47} (account 1 SIP server) and {@code P967} (failover server) and
 * {@code /cgi-bin/api.values.get?request=P47:P967} need that sid (parameter or {@code session-identity} cookie);
 * {@code /cgi-bin/api-get_line_status} reports call state; {@code /cgi-bin/api-sys_operation?request=REBOOT}.
 */
final class GrandstreamApi implements VendorApi {
    private final Map<Integer, String> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    @Override
    public void handle(HttpExchange exchange, SimulatedPhone phone, byte[] body) throws IOException {
        Map<String, String> params = Responses.params(exchange, body);
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/cgi-bin/dologin")) {
            login(exchange, phone, params);
            return;
        }
        if (!path.startsWith("/cgi-bin/")) {
            Responses.send(exchange, 404, "text/html", "<html><body>Not Found</body></html>");
            return;
        }
        String sid = params.getOrDefault("sid", cookie(exchange, "session-identity"));
        if (sid == null || !sid.equals(sessions.get(phone.address())) || phone.misbehaviour().wrongCredentials()) {
            Responses.json(exchange, 401, Responses.map("response", "error", "body", "session-expired"));
            return;
        }
        switch (path) {
            case "/cgi-bin/api.values.post" -> valuesPost(exchange, phone, params);
            case "/cgi-bin/api.values.get" -> valuesGet(exchange, phone, params);
            case "/cgi-bin/api-get_line_status" -> Responses.json(exchange, 200, Responses.map("response", "success",
                    "body", List.of(Responses.map("line", 1, "state", phone.busy() ? "connected" : "idle",
                            "acct", 0, "active", true))));
            case "/cgi-bin/api-sys_operation" -> {
                Responses.json(exchange, 200, Responses.map("response", "success", "body", "savereboot"));
                if ("REBOOT".equalsIgnoreCase(params.get("request"))) {
                    phone.reboot(java.time.Duration.ofSeconds(5));
                }
            }
            default -> Responses.json(exchange, 404, Responses.map("response", "error", "body", "unknown request"));
        }
    }

    private void login(HttpExchange exchange, SimulatedPhone phone, Map<String, String> params) throws IOException {
        HttpCredentials c = phone.group().http().orElseThrow();
        if (!exchange.getRequestMethod().equals("POST") || phone.misbehaviour().wrongCredentials()
                || !c.user().equals(params.get("username")) || !c.password().equals(params.get("password"))) {
            Responses.json(exchange, 401, Responses.map("response", "error", "body", "bad username or password"));
            return;
        }
        byte[] b = new byte[8];
        random.nextBytes(b);
        String sid = HexFormat.of().formatHex(b);
        sessions.put(phone.address(), sid);
        exchange.getResponseHeaders().add("Set-Cookie", "session-role=admin; path=/");
        exchange.getResponseHeaders().add("Set-Cookie", "session-identity=" + sid + "; path=/");
        Responses.json(exchange, 200, Responses.map("response", "success", "body",
                Responses.map("sid", sid, "role", "admin", "defaultAuth", false)));
    }

    private static void valuesPost(HttpExchange exchange, SimulatedPhone phone, Map<String, String> params)
            throws IOException {
        String p47 = params.get("P47");
        String p967 = params.get("P967");
        if (p47 == null && p967 == null) {
            Responses.json(exchange, 200, Responses.map("response", "success", "body", Responses.map("status", "right")));
            return;
        }
        List<ServerAddress> current = phone.configuredServers();
        List<ServerAddress> servers = new ArrayList<>();
        try {
            String primary = p47 != null ? p47.trim() : current.isEmpty() ? "" : current.get(0).toString();
            String failover = p967 != null ? p967.trim() : current.size() < 2 ? "" : current.get(1).toString();
            if (primary.isEmpty()) {
                throw new IllegalArgumentException("P47 is empty");
            }
            servers.add(ServerAddress.parse(primary));
            if (!failover.isEmpty()) {
                servers.add(ServerAddress.parse(failover));
            }
        } catch (IllegalArgumentException e) {
            Responses.json(exchange, 400, Responses.map("response", "error", "body", "invalid value"));
            return;
        }
        ChangeOutcome outcome = phone.changeServers(servers);
        if (outcome instanceof ChangeOutcome.RefusedBusy) {
            Responses.json(exchange, 503, Responses.map("response", "error", "body", "busy"));
        } else {
            Responses.json(exchange, 200, Responses.map("response", "success", "body", Responses.map("status", "right")));
        }
    }

    private static void valuesGet(HttpExchange exchange, SimulatedPhone phone, Map<String, String> params)
            throws IOException {
        List<ServerAddress> s = phone.configuredServers();
        Map<String, String> body = new LinkedHashMap<>();
        for (String p : params.getOrDefault("request", "").split(":")) {
            if (p.isBlank()) {
                continue;
            }
            body.put(p, switch (p) {
                case "P47" -> s.isEmpty() ? "" : s.get(0).toString();
                case "P967" -> s.size() < 2 ? "" : s.get(1).toString();
                case "P35" -> phone.sipUser();
                case "P48" -> "";
                default -> "";
            });
        }
        Responses.json(exchange, 200, Responses.map("response", "success", "body", body));
    }

    private static String cookie(HttpExchange exchange, String name) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String p = part.trim();
                if (p.startsWith(name + "=")) {
                    return p.substring(name.length() + 1);
                }
            }
        }
        return null;
    }
}
