package org.phonecontroller.lab.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phonecontroller.protocols.ServerAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a phone's provisioning file after NOTIFY check-sync and applies the servers in it. Understands the
 * Yealink form ({@code account.1.sip_server.N.address = HOST}, {@code ….port = PORT}) and the Polycom form
 * ({@code reg.1.server.N.address="HOST"}, as attributes or lines). Only loopback URLs are fetched.
 */
public final class ProvisioningClient implements PhoneServices.ProvisioningFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningClient.class);
    private static final Pattern SETTING = Pattern.compile(
            "(account\\.1\\.sip_server|reg\\.1\\.server)\\.(\\d)\\.(address|port)\\s*=\\s*\"?([^\"\\s]*)\"?");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();

    @Override
    public void fetchAndApply(SimulatedPhone phone, String url) {
        URI uri = URI.create(url);
        if (uri.getHost() == null || !uri.getHost().startsWith("127.")) {
            LOG.warn("{}: provisioning URL {} is not on loopback; not fetched", phone, url);
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("User-Agent", phone.vendor().userAgent() + " " + phone.mac()).GET().build();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error != null) {
                LOG.info("{}: provisioning fetch from {} failed: {}", phone, url, error.toString());
            } else if (response.statusCode() != 200) {
                LOG.info("{}: provisioning fetch from {} answered {}", phone, url, response.statusCode());
            } else {
                List<ServerAddress> servers = parseServers(response.body());
                if (servers.isEmpty()) {
                    LOG.info("{}: provisioning file {} names no SIP server; nothing changed", phone, url);
                } else {
                    LOG.debug("{}: provisioning from {} -> {} ({})", phone, url, servers, phone.changeServers(servers));
                }
            }
        });
    }

    /** The servers named in a provisioning file, in slot order; empty when it names none. */
    public static List<ServerAddress> parseServers(String body) {
        TreeMap<Integer, String> hosts = new TreeMap<>();
        TreeMap<Integer, Integer> ports = new TreeMap<>();
        Matcher m = SETTING.matcher(body);
        while (m.find()) {
            int slot = Integer.parseInt(m.group(2));
            String value = m.group(4).trim();
            if (m.group(3).equals("address")) {
                hosts.put(slot, value);
            } else if (value.matches("\\d{1,5}")) {
                ports.put(slot, Integer.parseInt(value));
            }
        }
        List<ServerAddress> out = new ArrayList<>();
        hosts.forEach((slot, host) -> {
            if (!host.isEmpty()) {
                try {
                    ServerAddress parsed = ServerAddress.parse(host);
                    out.add(new ServerAddress(parsed.host(), ports.getOrDefault(slot, parsed.port())));
                } catch (IllegalArgumentException e) {
                    LOG.debug("provisioning value '{}' is not a server: {}", host, e.getMessage());
                }
            }
        });
        return out;
    }
}
