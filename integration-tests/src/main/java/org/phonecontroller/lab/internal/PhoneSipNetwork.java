package org.phonecontroller.lab.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.phonecontroller.lab.AddressList;
import org.phonecontroller.lab.internal.provisioning.ProvisionedPhones;
import org.phonecontroller.protocols.sip.HeaderValues;
import org.phonecontroller.protocols.sip.SipEncoder;
import org.phonecontroller.protocols.sip.SipMessage;
import org.phonecontroller.protocols.sip.SipParseException;
import org.phonecontroller.protocols.sip.SipParser;
import org.phonecontroller.protocols.sip.SipRequest;
import org.phonecontroller.protocols.sip.SipResponse;
import org.phonecontroller.protocols.ServerAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP user agents of all phones: one {@link UdpMultiplexer} binds every phone's ADDR:sipPort on one selector.
 * It sends each phone's REGISTERs from the phone's own address, routes the responses back to the phone, and
 * answers requests to phones: OPTIONS (vendor User-Agent), NOTIFY {@code Event: check-sync} (then provisioning),
 * INVITE (486 while in a call, else 480: lab phones take no calls).
 */
public final class PhoneSipNetwork implements PhoneServices.SipSender, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneSipNetwork.class);
    private static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, NOTIFY, REFER, SUBSCRIBE, INFO";
    private final UdpMultiplexer udp;
    private final int port;
    private final SipParser parser = new SipParser();
    private Map<Integer, SimulatedPhone> phones = Map.of();
    private LabTimers timers;
    private PhoneServices.ProvisioningFetcher provisioning;
    private volatile ProvisionedPhones provisioned;

    public PhoneSipNetwork(int port) {
        this.port = port;
        try {
            this.udp = new UdpMultiplexer("lab-phone-sip", this::receive);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    /** Binds every phone's SIP address; the phones exist from here on. */
    public void bindAll(Map<Integer, SimulatedPhone> allPhones, LabTimers labTimers,
                        PhoneServices.ProvisioningFetcher fetcher) {
        this.phones = allPhones;
        this.timers = labTimers;
        this.provisioning = fetcher;
        List<InetSocketAddress> addresses = new ArrayList<>(allPhones.size());
        for (int a : allPhones.keySet()) {
            addresses.add(new InetSocketAddress(AddressList.toInet(a), port));
        }
        try {
            udp.bind(addresses);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the SIP user agents of " + addresses.size()
                    + " phones on port " + port, e);
        }
    }

    @Override
    public void send(SimulatedPhone phone, ServerAddress to, byte[] message) {
        InetSocketAddress remote = new InetSocketAddress(to.host(), to.port());
        InetSocketAddress local = new InetSocketAddress(AddressList.toInet(phone.address()), port);
        if (!udp.send(local, remote, message)) {
            LOG.debug("{}: cannot send to {}", phone, to);
        }
    }

    private void receive(InetSocketAddress local, InetSocketAddress remote, byte[] bytes) {
        SimulatedPhone phone = phones.get(AddressList.toInt((Inet4Address) local.getAddress()));
        if (phone == null) {
            return;
        }
        SipMessage message;
        try {
            message = parser.parseDatagram(bytes);
        } catch (SipParseException e) {
            LOG.debug("{} ignores a malformed SIP message from {}: {}", phone, remote,
                    e.getMessage());
            return;
        }
        if (message instanceof SipResponse response) {
            boolean register = response.cseq().map(c -> c.method().equals("REGISTER")).orElse(false);
            if (register && phone.answering()) {
                Optional<Integer> expires = response.header("Contact")
                        .flatMap(c -> HeaderValues.parameter(c, "expires"))
                        .or(() -> response.header("Expires")).flatMap(PhoneSipNetwork::parseInt);
                phone.onRegisterResponse(response.statusCode(), response.viaBranch().orElse(""), expires);
            }
            return;
        }
        SipRequest request = (SipRequest) message;
        if (phone.dropsRequest()) {
            return;
        }
        if (request.method().equals("NOTIFY") && provisioned != null && provisioned.handles(phone)) {
            var decision = provisioned.onNotify(phone, request.header("Event").orElse(""),
                    request.header("Authorization"));
            List<String> headers = new ArrayList<>(List.of("User-Agent", phone.vendor().userAgent()));
            headers.addAll(decision.headers());
            // The state change first (a reboot shows before the 200 is out), then the answer, as the phone sends
            // it before it goes down.
            decision.then().run();
            reply(phone, local, remote, LabSip.reply(request, decision.status(), decision.reason(),
                    Integer.toHexString(phone.address()), headers.toArray(String[]::new)));
            return;
        }
        answer(phone, request).ifPresent(reply -> reply(phone, local, remote, reply));
        if (request.method().equals("NOTIFY") && isCheckSync(request)) {
            phone.group().provisioningUrl().ifPresentOrElse(
                    url -> provisioning.fetchAndApply(phone, url.replace("{mac}", phone.mac().replace(":", ""))
                            .replace("{address}", phone.addressText())),
                    () -> LOG.info("{} got check-sync but has no provisioning URL", phone));
        }
    }

    /** Provisioning-driven phones (lab.yaml {@code provisioning}) answer NOTIFY as their firmware does. */
    public void setProvisionedPhones(ProvisionedPhones phones) {
        this.provisioned = phones;
    }

    private void reply(SimulatedPhone phone, InetSocketAddress local, InetSocketAddress remote, SipResponse reply) {
        byte[] encoded = SipEncoder.encode(reply);
        byte[] out = phone.garblesReply() ? Garbler.garble(encoded) : encoded;
        Runnable send = () -> udp.send(local, remote, out);
        var delay = phone.misbehaviour().replyDelay();
        if (delay.isPositive()) {
            timers.after(delay, send);
        } else {
            send.run();
        }
    }

    private Optional<SipResponse> answer(SimulatedPhone phone, SipRequest request) {
        String tag = Integer.toHexString(phone.address());
        String ua = phone.vendor().userAgent();
        return switch (request.method()) {
            case "OPTIONS" -> Optional.of(LabSip.reply(request, 200, "OK", tag, "User-Agent", ua, "Allow", ALLOW,
                    "Accept", "application/sdp", "Supported", "replaces, timer",
                    "Contact", "<sip:" + phone.sipUser() + "@" + phone.addressText() + ":" + port + ">"));
            case "NOTIFY" -> Optional.of(isCheckSync(request)
                    ? LabSip.reply(request, 200, "OK", tag, "User-Agent", ua)
                    : LabSip.reply(request, 489, "Bad Event", tag, "User-Agent", ua));
            case "INVITE" -> Optional.of(phone.busy()
                    ? LabSip.reply(request, 486, "Busy Here", tag, "User-Agent", ua)
                    : LabSip.reply(request, 480, "Temporarily Unavailable", tag, "User-Agent", ua));
            case "ACK" -> Optional.empty();
            case "BYE", "CANCEL" -> Optional.of(LabSip.reply(request, 481, "Call/Transaction Does Not Exist", tag,
                    "User-Agent", ua));
            default -> Optional.of(LabSip.reply(request, 501, "Not Implemented", tag, "User-Agent", ua,
                    "Allow", ALLOW));
        };
    }

    private static boolean isCheckSync(SipRequest m) {
        return m.eventPackage().map(e -> e.toLowerCase(Locale.ROOT).equals("check-sync")).orElse(false);
    }

    private static Optional<Integer> parseInt(String s) {
        try {
            return Optional.of(Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        udp.close();
    }
}
