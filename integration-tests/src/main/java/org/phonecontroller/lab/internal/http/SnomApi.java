package org.phonecontroller.lab.internal.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.phonecontroller.lab.ChangeOutcome;
import org.phonecontroller.lab.internal.SimulatedPhone;
import org.phonecontroller.protocols.ServerAddress;

/**
 * Snom's web interface: {@code GET /dummy.htm?settings=save&user_host1=HOST[:PORT]} stores identity 1's registrar
 * (server 1), {@code GET /settings.htm} lists settings as {@code name!: value} lines, and
 * {@code /advanced_update.htm?reboot=Reboot} reboots. HTTP Basic or Digest.
 */
final class SnomApi implements VendorApi {
    private final HttpAuth auth = new HttpAuth("snom");

    @Override
    public void handle(HttpExchange exchange, SimulatedPhone phone, byte[] body) throws IOException {
        if (phone.misbehaviour().wrongCredentials() || !auth.accepts(exchange, phone.group().http().orElseThrow())) {
            auth.challenge(exchange);
            return;
        }
        Map<String, String> params = Responses.params(exchange, body);
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/dummy.htm" -> dummy(exchange, phone, params);
            case "/settings.htm" -> settings(exchange, phone);
            case "/advanced_update.htm" -> {
                Responses.send(exchange, 200, "text/html", page("Rebooting..."));
                if ("Reboot".equalsIgnoreCase(params.get("reboot"))) {
                    phone.reboot(java.time.Duration.ofSeconds(5));
                }
            }
            case "/", "/index.htm" -> Responses.send(exchange, 200, "text/html", page(phone.vendor().userAgent()));
            default -> Responses.send(exchange, 404, "text/html", page("Not Found"));
        }
    }

    private static void dummy(HttpExchange exchange, SimulatedPhone phone, Map<String, String> params)
            throws IOException {
        String host = params.get("user_host1");
        if (!"save".equals(params.get("settings")) || host == null) {
            Responses.send(exchange, 200, "text/html", page("OK"));
            return;
        }
        ServerAddress server1;
        try {
            server1 = ServerAddress.parse(host);
        } catch (IllegalArgumentException e) {
            Responses.send(exchange, 400, "text/html", page("Bad value for user_host1"));
            return;
        }
        List<ServerAddress> servers = new ArrayList<>(phone.configuredServers());
        if (servers.isEmpty()) {
            servers.add(server1);
        } else {
            servers.set(0, server1);
        }
        ChangeOutcome outcome = phone.changeServers(servers);
        if (outcome instanceof ChangeOutcome.RefusedBusy) {
            Responses.send(exchange, 503, "text/html", page("Phone is busy, settings not saved"));
        } else {
            Responses.send(exchange, 200, "text/html", page("Settings saved"));
        }
    }

    private static void settings(HttpExchange exchange, SimulatedPhone phone) throws IOException {
        List<ServerAddress> s = phone.configuredServers();
        StringBuilder sb = new StringBuilder();
        sb.append("user_active1!: on\n");
        sb.append("user_name1!: ").append(phone.sipUser()).append('\n');
        sb.append("user_host1!: ").append(s.isEmpty() ? "" : s.get(0)).append('\n');
        sb.append("phone_type$: ").append(phone.vendor().userAgent()).append('\n');
        sb.append("mac_address$: ").append(phone.mac().replace(":", "").toUpperCase(java.util.Locale.ROOT))
                .append('\n');
        Responses.send(exchange, 200, "text/plain", sb.toString());
    }

    private static String page(String text) {
        return "<html><head><title>snom</title></head><body>" + text + "</body></html>";
    }
}
