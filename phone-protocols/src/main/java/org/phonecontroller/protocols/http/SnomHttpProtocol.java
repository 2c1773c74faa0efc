package org.phonecontroller.protocols.http;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.phonecontroller.protocols.CallState;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneProtocolException;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;

/**
 * Snom phones through their web interface: {@code snom-http} in configuration. Identity (line) n's registrar is
 * the setting {@code user_hostN}; Snom keeps one registrar per identity, so only the first server of an assignment
 * is pushed (failover between servers is DNS SRV's job on Snom).
 *
 * <ul>
 *   <li>identify and read: the settings, {@code GET /settings.htm} (text dump {@code name!: value}) or
 *       {@code GET /settings.xml} ({@code phone_type}, {@code firmware_version}, {@code mac_address},
 *       {@code user_hostN})</li>
 *   <li>write: {@code GET /dummy.htm?settings=save&user_hostN=HOST:PORT}</li>
 *   <li>call state: not published by the settings; {@link CallState#UNKNOWN}, so busy phones are not
 *       detected by this adapter</li>
 * </ul>
 */
public final class SnomHttpProtocol extends VendorHttpProtocol {

    public static final String NAME = "snom-http";

    private static final String TEXT_SETTINGS = "/settings.htm";
    private static final String XML_SETTINGS = "/settings.xml";

    private final int identity;
    private volatile String settingsPath = TEXT_SETTINGS;

    /** @param identity the Snom identity (line) whose registrar is managed, usually 1 */
    public SnomHttpProtocol(HttpTransport transport, HttpCredentials credentials, int port, int identity,
                            InstantSource clock) {
        super(transport, credentials, port, clock);
        if (identity < 1 || identity > 12) {
            throw new IllegalArgumentException("Snom identity " + identity + " is outside 1..12");
        }
        this.identity = identity;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    int slots() {
        return 1;
    }

    /**
     * Snom publishes its settings as a text dump at {@code /settings.htm} and as XML at {@code /settings.xml}
     * (depending on firmware); the one that answered last is asked first.
     */
    private CompletableFuture<Map<String, String>> settings(InetAddress address, String what) {
        String first = settingsPath;
        String second = first.equals(TEXT_SETTINGS) ? XML_SETTINGS : TEXT_SETTINGS;
        return send(address, PhoneRequest.get(first), what)
                .thenCompose(response -> {
                    if (response.status() != 404) {
                        return CompletableFuture.completedFuture(response);
                    }
                    return send(address, PhoneRequest.get(second), what)
                            .thenApply(r -> {
                                if (r.status() != 404) {
                                    settingsPath = second;
                                }
                                return r;
                            });
                })
                .thenApply(response -> {
                    if (response.status() == 404) {
                        throw new CompletionException(new PhoneProtocolException(FailureReason.MALFORMED_REPLY,
                                what + ": neither " + TEXT_SETTINGS + " nor " + XML_SETTINGS + " exists (HTTP 404)"));
                    }
                    String body = body(response, what);
                    return parsed(what, () -> SnomSettings.parse(body));
                });
    }

    @Override
    public CompletableFuture<Optional<PhoneIdentity>> identify(InetAddress address) {
        String what = phoneText(address) + " identify";
        return nothingThereIsEmpty(settings(address, what).thenApply(s -> {
            String model = s.getOrDefault("phone_type", "");
            if (model.isEmpty() && !s.containsKey("user_host" + identity)) {
                return Optional.empty();
            }
            String firmware = s.getOrDefault("firmware_version", s.getOrDefault("firmware", ""));
            if (firmware.isEmpty() && model.contains("/")) { // "snom D785/10.1.73.16": type/firmware
                firmware = model.substring(model.lastIndexOf('/') + 1);
                model = model.substring(0, model.lastIndexOf('/'));
            }
            return Optional.of(new PhoneIdentity(address, NAME, "Snom", model, firmware,
                    mac(s.getOrDefault("mac_address", s.getOrDefault("mac_addr", s.getOrDefault("mac", ""))))));
        }));
    }

    @Override
    public CompletableFuture<ServerAssignment> readAssignment(PhoneIdentity phone) {
        String what = phoneText(phone.address()) + " read servers";
        return settings(phone.address(), what).thenApply(s -> parsed(what, () -> {
            String host = s.getOrDefault("user_host" + identity, "").strip();
            if (host.isEmpty()) {
                throw new MalformedReplyException("the phone has no user_host" + identity);
            }
            return ServerAssignment.of(ServerAddress.parse(host));
        })).exceptionallyCompose(e -> CompletableFuture.failedFuture(unwrap(e)));
    }

    @Override
    CompletableFuture<Void> write(PhoneIdentity phone, List<ServerAddress> servers) {
        String what = phoneText(phone.address()) + " set servers " + servers;
        String query = "/dummy.htm?settings=save&user_host" + identity + "="
                + URLEncoder.encode(servers.get(0).toString(), StandardCharsets.UTF_8);
        return call(phone.address(), PhoneRequest.get(query), what).thenAccept(body -> { });
    }

    @Override
    public CompletableFuture<CallState> callState(PhoneIdentity phone) {
        return CompletableFuture.completedFuture(CallState.UNKNOWN);
    }
}
