package org.phonecontroller.protocols.http;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.phonecontroller.protocols.CallState;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocolException;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;

/**
 * Grandstream phones through their CGI API: {@code grandstream-http} in configuration. Account 1's SIP server is
 * P-value {@code P47}, its failover server {@code P967}.
 *
 * <ul>
 *   <li>{@code POST /cgi-bin/dologin} (username, password) gives a session ID ({@code sid}), kept per phone and
 *       renewed once when the phone says the session is gone</li>
 *   <li>read: {@code GET /cgi-bin/api.values.get?request=P47:P967&sid=...}</li>
 *   <li>write: {@code POST /cgi-bin/api.values.post} with {@code P47=HOST:PORT&P967=...&sid=...}</li>
 *   <li>call state: {@code GET /cgi-bin/api-get_line_status?sid=...}</li>
 * </ul>
 */
public final class GrandstreamHttpProtocol extends VendorHttpProtocol {

    public static final String NAME = "grandstream-http";
    private static final List<String> SERVER_VALUES = List.of("P47", "P967");
    private static final String IDENTITY_VALUES = "phone_model:prog_version:mac";

    private final Map<InetAddress, String> sessions = new ConcurrentHashMap<>();

    public GrandstreamHttpProtocol(HttpTransport transport, HttpCredentials credentials, int port,
                                   InstantSource clock) {
        super(transport, credentials, port, clock);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    int slots() {
        return SERVER_VALUES.size();
    }

    @Override
    public CompletableFuture<Optional<PhoneIdentity>> identify(InetAddress address) {
        String what = phoneText(address) + " identify";
        sessions.remove(address);
        CompletableFuture<Map<String, String>> values = withSession(address, what, sid -> get(address,
                "/cgi-bin/api.values.get?request=" + IDENTITY_VALUES + "&sid=" + enc(sid), what)
                .thenApply(body -> parsed(what, () -> GrandstreamReplies.values(body))));
        return nothingThereIsEmpty(values.thenApply(v -> Optional.of(new PhoneIdentity(address, NAME, "Grandstream",
                v.getOrDefault("phone_model", ""), v.getOrDefault("prog_version", ""),
                mac(v.getOrDefault("mac", ""))))));
    }

    @Override
    public CompletableFuture<ServerAssignment> readAssignment(PhoneIdentity phone) {
        InetAddress address = phone.address();
        String what = phoneText(address) + " read servers";
        return withSession(address, what, sid -> get(address, "/cgi-bin/api.values.get?request="
                + String.join(":", SERVER_VALUES) + "&sid=" + enc(sid), what)
                .thenApply(body -> parsed(what, () -> {
                    Map<String, String> values = GrandstreamReplies.values(body);
                    List<ServerAddress> servers = new ArrayList<>();
                    for (String p : SERVER_VALUES) {
                        String v = values.getOrDefault(p, "");
                        if (!v.isEmpty()) {
                            servers.add(ServerAddress.parse(v));
                        }
                    }
                    if (servers.isEmpty()) {
                        throw new MalformedReplyException("the phone has no server in P47/P967");
                    }
                    return new ServerAssignment(servers);
                })))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(unwrap(e)));
    }

    @Override
    CompletableFuture<Void> write(PhoneIdentity phone, List<ServerAddress> servers) {
        InetAddress address = phone.address();
        String what = phoneText(address) + " set servers " + servers;
        return withSession(address, what, sid -> {
            StringBuilder form = new StringBuilder();
            for (int i = 0; i < servers.size(); i++) {
                form.append(SERVER_VALUES.get(i)).append('=').append(enc(servers.get(i).toString())).append('&');
            }
            form.append("sid=").append(enc(sid));
            PhoneRequest request = PhoneRequest.post("/cgi-bin/api.values.post",
                    "application/x-www-form-urlencoded", form.toString());
            return call(address, request, what).thenApply(body -> parsed(what, () -> {
                GrandstreamReplies.accepted(body);
                return (Void) null;
            }));
        });
    }

    @Override
    public CompletableFuture<CallState> callState(PhoneIdentity phone) {
        InetAddress address = phone.address();
        String what = phoneText(address) + " call state";
        return withSession(address, what, sid -> get(address, "/cgi-bin/api-get_line_status?sid=" + enc(sid), what)
                .thenApply(body -> parsed(what, () -> GrandstreamReplies.lineState(body))))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(unwrap(e)));
    }

    /** Runs {@code action} with the phone's session, logging in first or again when the session has expired. */
    private <T> CompletableFuture<T> withSession(InetAddress address, String what,
                                                 Function<String, CompletableFuture<T>> action) {
        String known = sessions.get(address);
        if (known == null) {
            return login(address, what).thenCompose(action);
        }
        return action.apply(known).exceptionallyCompose(e -> {
            PhoneProtocolException p = unwrap(e);
            if (!(p.getCause() instanceof GrandstreamReplies.SessionExpired) && p.reason() != FailureReason.AUTH_FAILED) {
                return CompletableFuture.failedFuture(p);
            }
            sessions.remove(address, known);
            return login(address, what).thenCompose(action);
        });
    }

    private CompletableFuture<String> login(InetAddress address, String what) {
        String form = "username=" + enc(credentials.user()) + "&password=" + enc(credentials.password());
        PhoneRequest request = PhoneRequest.post("/cgi-bin/dologin", "application/x-www-form-urlencoded", form);
        String action = what + " (login as " + credentials.user() + ")";
        return transport.send(address, port, request, Optional.empty(), action).thenApply(response -> {
            if (response.status() == 404) {
                throw new CompletionException(new PhoneProtocolException(FailureReason.MALFORMED_REPLY,
                        action + ": no Grandstream login page (HTTP 404)"));
            }
            String body = body(response, action);
            try {
                String sid = GrandstreamReplies.sid(body);
                sessions.put(address, sid);
                return sid;
            } catch (GrandstreamReplies.LoginRefused e) {
                throw new CompletionException(new PhoneProtocolException(FailureReason.AUTH_FAILED,
                        action + ": " + e.getMessage(), e));
            } catch (MalformedReplyException e) {
                throw new CompletionException(new PhoneProtocolException(FailureReason.MALFORMED_REPLY,
                        action + ": " + e.getMessage(), e));
            }
        });
    }

    private CompletableFuture<String> get(InetAddress address, String pathAndQuery, String what) {
        return transport.send(address, port, PhoneRequest.get(pathAndQuery), Optional.empty(), what)
                .thenApply(response -> body(response, what));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
