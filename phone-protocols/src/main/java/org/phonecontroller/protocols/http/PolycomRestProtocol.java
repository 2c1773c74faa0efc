package org.phonecontroller.protocols.http;

import java.net.InetAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.phonecontroller.protocols.CallState;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocolException;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;

/**
 * Poly/Polycom phones through the UC Software REST API ({@code apps.restapi.enabled="1"}, UC Software 5.4+):
 * {@code polycom-rest} in configuration. Line 1's servers {@code reg.1.server.1.*} and {@code reg.1.server.2.*}.
 *
 * <ul>
 *   <li>identify: {@code GET /api/v1/mgmt/device/info}</li>
 *   <li>read: {@code POST /api/v1/mgmt/config/get {"data":["reg.1.server.1.address", ...]}}</li>
 *   <li>write: {@code POST /api/v1/mgmt/config/set {"data":{"reg.1.server.1.address":"...", ...}}}</li>
 *   <li>call state: {@code GET /api/v1/webCallControl/callStatus}</li>
 * </ul>
 */
public final class PolycomRestProtocol extends VendorHttpProtocol {

    public static final String NAME = "polycom-rest";
    private static final int SLOTS = 2;
    private static final List<String> KEYS = List.of("reg.1.server.1.address", "reg.1.server.1.port",
            "reg.1.server.2.address", "reg.1.server.2.port");

    public PolycomRestProtocol(HttpTransport transport, HttpCredentials credentials, int port, InstantSource clock) {
        super(transport, credentials, port, clock);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    int slots() {
        return SLOTS;
    }

    @Override
    public CompletableFuture<Optional<PhoneIdentity>> identify(InetAddress address) {
        String what = phoneText(address) + " identify";
        return nothingThereIsEmpty(send(address, PhoneRequest.get("/api/v1/mgmt/device/info"), what)
                .thenApply(response -> {
                    if (response.status() == 404) {
                        return Optional.empty();
                    }
                    PolycomReplies.DeviceInfo info = parsed(what, () -> PolycomReplies.deviceInfo(body(response,
                            what)));
                    return Optional.of(new PhoneIdentity(address, NAME, "Polycom", info.model(), info.firmware(),
                            mac(info.mac())));
                }));
    }

    @Override
    public CompletableFuture<ServerAssignment> readAssignment(PhoneIdentity phone) {
        String what = phoneText(phone.address()) + " read servers";
        String json = json(Map.of("data", KEYS));
        PhoneRequest request = PhoneRequest.post("/api/v1/mgmt/config/get", "application/json", json);
        return call(phone.address(), request, what).thenApply(body -> parsed(what, () -> {
            Map<String, String> values = PolycomReplies.configValues(body, KEYS);
            List<ServerAddress> servers = new ArrayList<>();
            for (int slot = 1; slot <= SLOTS; slot++) {
                String host = values.get("reg.1.server." + slot + ".address").strip();
                if (host.isEmpty()) {
                    continue;
                }
                String port = values.get("reg.1.server." + slot + ".port").strip();
                int p = port.isEmpty() || port.equals("0") ? ServerAddress.DEFAULT_SIP_PORT : Integer.parseInt(port);
                servers.add(new ServerAddress(host, p));
            }
            if (servers.isEmpty()) {
                throw new MalformedReplyException("the phone has no server in reg.1.server.1/2");
            }
            return new ServerAssignment(servers);
        })).exceptionallyCompose(e -> CompletableFuture.failedFuture(unwrap(e)));
    }

    @Override
    CompletableFuture<Void> write(PhoneIdentity phone, List<ServerAddress> servers) {
        String what = phoneText(phone.address()) + " set servers " + servers;
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            data.put("reg.1.server." + (i + 1) + ".address", servers.get(i).host());
            data.put("reg.1.server." + (i + 1) + ".port", Integer.toString(servers.get(i).port()));
        }
        PhoneRequest request = PhoneRequest.post("/api/v1/mgmt/config/set", "application/json",
                json(Map.of("data", data)));
        return call(phone.address(), request, what).thenAccept(body -> parsed(what, () -> {
            PolycomReplies.accepted(body);
            return null;
        }));
    }

    @Override
    public CompletableFuture<CallState> callState(PhoneIdentity phone) {
        String what = phoneText(phone.address()) + " call state";
        return call(phone.address(), PhoneRequest.get("/api/v1/webCallControl/callStatus"), what)
                .thenApply(body -> parsed(what, () -> PolycomReplies.callState(body)))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(unwrap(e)));
    }

    private static String json(Object value) {
        try {
            return PolycomReplies.JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CompletionException(new PhoneProtocolException(FailureReason.MALFORMED_REPLY,
                    "cannot write JSON", e));
        }
    }
}
