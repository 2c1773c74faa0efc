package org.phonecontroller.protocols.provisioning;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.phonecontroller.protocols.ServerAddress;

/**
 * The pure render step (wazo-provd's split: render here, synchronize elsewhere): a phone's file with the SIP servers of
 * every account that names the range's primary or fallback replaced by the desired servers (target first, the other
 * second), and the profile's required keys set; everything else passes through. Stateless.
 */
public final class Overlay {

    /**
     * What to overlay.
     *
     * @param rangeServers the range's primary and fallback: an account naming one of them is the range's
     * @param desired      the servers to write, slot 1 first
     */
    public record Request(List<ProvisionedServer> rangeServers, List<ProvisionedServer> desired) {
        public Request {
            rangeServers = List.copyOf(rangeServers);
            desired = List.copyOf(desired);
            if (desired.isEmpty()) {
                throw new IllegalArgumentException("nothing to overlay: no desired server");
            }
        }
    }

    /**
     * The rendered file.
     *
     * @param content  what is served
     * @param accounts the accounts whose servers were overlaid (1-based), empty when none named the range's servers
     * @param servers  the servers written into those accounts, slot 1 first (empty when none)
     */
    public record Rendered(byte[] content, List<Integer> accounts, List<ServerAddress> servers) {
        public Rendered {
            Objects.requireNonNull(content, "content");
            accounts = List.copyOf(accounts);
            servers = List.copyOf(servers);
        }
    }

    private Overlay() {
    }

    /**
     * @throws UnparsableFileException when {@code source} is not a file of the profile's format; nothing is served
     */
    public static Rendered render(ProvisioningProfile profile, byte[] source, Request request)
            throws UnparsableFileException {
        ConfigDocument doc = ConfigDocument.parse(profile.format(), source);
        List<Integer> overlaid = new ArrayList<>();
        int slots = Math.min(profile.servers().size(), request.desired().size());
        for (int account = 1; account <= profile.accounts(); account++) {
            if (!namesRange(doc, profile, account, request.rangeServers())) {
                continue;
            }
            for (int slot = 0; slot < slots; slot++) {
                write(doc, profile.servers().get(slot), account, request.desired().get(slot));
            }
            overlaid.add(account);
        }
        profile.requiredKeys().forEach(doc::set);
        List<ServerAddress> written = overlaid.isEmpty() ? List.of()
                : request.desired().subList(0, slots).stream().map(ProvisionedServer::address).toList();
        return new Rendered(doc.bytes(), overlaid, written);
    }

    /**
     * The file made from the profile's template for a phone without a source file: {@code ${primary.host}},
     * {@code ${primary.port}}, {@code ${fallback.host}}, {@code ${fallback.port}} replaced, then overlaid.
     *
     * @throws UnparsableFileException when the profile has no template or it is not of the profile's format
     */
    public static Rendered fromTemplate(ProvisioningProfile profile, ServerAddress primary, ServerAddress fallback,
                                        Request request) throws UnparsableFileException {
        String template = profile.template().orElseThrow(() -> new UnparsableFileException("profile '"
                + profile.name() + "' has no template and there is no provisioning source"));
        String text = template.replace("${primary.host}", primary.host())
                .replace("${primary.port}", Integer.toString(primary.port()))
                .replace("${fallback.host}", fallback.host())
                .replace("${fallback.port}", Integer.toString(fallback.port()));
        return render(profile, text.getBytes(StandardCharsets.UTF_8), request);
    }

    /** The servers an account's slots name now, slot 1 first (absent slots skipped). */
    static List<ServerAddress> serversOf(ConfigDocument doc, ProvisioningProfile profile, int account) {
        List<ServerAddress> out = new ArrayList<>();
        for (ProvisioningProfile.ServerSlot slot : profile.servers()) {
            read(doc, slot, account).ifPresent(hp -> out.add(new ServerAddress(hp.host(),
                    hp.port().orElse(ServerAddress.DEFAULT_SIP_PORT))));
        }
        return out;
    }

    /**
     * The servers the file gives an account, slot 1 first, as a phone would read them.
     *
     * @throws UnparsableFileException when the file is not of the profile's format
     */
    public static List<ServerAddress> servers(ProvisioningProfile profile, byte[] content, int account)
            throws UnparsableFileException {
        return serversOf(ConfigDocument.parse(profile.format(), content), profile, account);
    }

    private record HostPort(String host, Optional<Integer> port) {
    }

    private static boolean namesRange(ConfigDocument doc, ProvisioningProfile profile, int account,
                                      List<ProvisionedServer> rangeServers) {
        for (ProvisioningProfile.ServerSlot slot : profile.servers()) {
            Optional<HostPort> named = read(doc, slot, account);
            if (named.isPresent() && rangeServers.stream().anyMatch(s -> s.isNamedBy(named.get().host(),
                    named.get().port()))) {
                return true;
            }
        }
        return false;
    }

    private static Optional<HostPort> read(ConfigDocument doc, ProvisioningProfile.ServerSlot slot, int account) {
        Optional<String> address = doc.get(slot.addressKey(account)).map(String::strip).filter(a -> !a.isEmpty());
        if (address.isEmpty()) {
            return Optional.empty();
        }
        if (slot.addressWithPort()) {
            try {
                ServerAddress parsed = ServerAddress.parse(address.get());
                boolean portWritten = address.get().lastIndexOf(':') > address.get().lastIndexOf(']');
                return Optional.of(new HostPort(parsed.host(), portWritten && address.get().indexOf(':')
                        == address.get().lastIndexOf(':') ? Optional.of(parsed.port()) : Optional.empty()));
            } catch (IllegalArgumentException e) {
                return Optional.of(new HostPort(address.get(), Optional.empty()));
            }
        }
        Optional<Integer> port = slot.portKey(account).flatMap(doc::get).flatMap(Overlay::port);
        return Optional.of(new HostPort(address.get(), port));
    }

    private static Optional<Integer> port(String text) {
        try {
            int p = Integer.parseInt(text.strip());
            return p > 0 && p <= 65535 ? Optional.of(p) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void write(ConfigDocument doc, ProvisioningProfile.ServerSlot slot, int account,
                              ProvisionedServer server) {
        if (slot.addressWithPort()) {
            doc.set(slot.addressKey(account), server.address().toString());
        } else {
            doc.set(slot.addressKey(account), server.address().host());
            slot.portKey(account).ifPresent(k -> doc.set(k, Integer.toString(server.address().port())));
        }
        slot.transportKey(account).ifPresent(k -> server.transport().map(t -> slot.transportValues().get(t))
                .ifPresent(v -> doc.set(k, v)));
    }
}
