package org.phonecontroller.daemon.provisioning;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.phonecontroller.daemon.inventory.RangeTarget;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.provisioning.Overlay;
import org.phonecontroller.protocols.provisioning.ProvisionedServer;
import org.phonecontroller.protocols.provisioning.ProvisioningProfile;
import org.phonecontroller.protocols.provisioning.UnparsableFileException;

/**
 * What the provisioning server answers, without HTTP: the client must be in a provisioned range (403), the path a
 * plain file name (400); a file the profile renders is taken from the source (or the profile's template) and overlaid
 * with the servers the phone should have now; other files pass through. A file that cannot be parsed is refused
 * (500), never served half overlaid. Every answer is remembered as a {@link Fetch}; no content is ever logged.
 */
public final class ProvisioningRequests {

    /** An HTTP answer; {@code reason} is for the log (never content). */
    public record Answer(int status, byte[] body, String contentType, String reason) {
        static Answer error(int status, String reason) {
            return new Answer(status, (statusText(status) + "\n").getBytes(StandardCharsets.US_ASCII),
                    "text/plain; charset=utf-8", reason);
        }

        private static String statusText(int status) {
            return switch (status) {
                case 400 -> "400 bad request: plain file names only";
                case 403 -> "403 forbidden";
                case 404 -> "404 not found";
                case 405 -> "405 method not allowed";
                case 503 -> "503 provisioning source unavailable";
                default -> status + " cannot serve this file";
            };
        }
    }

    private final Supplier<ProvisionedRanges> served;
    private final ProvisioningLedger ledger;
    private final Function<String, Optional<RangeTarget>> rangeTargets;
    private final TimeSource time;
    private final Consumer<Fetch> fetchListener;

    /**
     * @param served        the ranges and source served now, read once per request (a reload swaps them)
     * @param rangeTargets  the desired target of a range (the database's), read per rendered file
     * @param fetchListener told of every fetch a profile renders (the inventory learns model, firmware and MAC)
     */
    public ProvisioningRequests(Supplier<ProvisionedRanges> served, ProvisioningLedger ledger,
                                Function<String, Optional<RangeTarget>> rangeTargets, TimeSource time,
                                Consumer<Fetch> fetchListener) {
        this.served = Objects.requireNonNull(served, "served");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.rangeTargets = Objects.requireNonNull(rangeTargets, "rangeTargets");
        this.time = Objects.requireNonNull(time, "time");
        this.fetchListener = Objects.requireNonNull(fetchListener, "fetchListener");
    }

    /** The provisioned range {@code client} belongs to now. */
    public Optional<ProvisionedRange> rangeOf(InetAddress client) {
        return served.get().rangeOf(client);
    }

    /**
     * @param rawPath the request path exactly as sent (not decoded)
     */
    public Answer answer(InetAddress client, String method, String rawPath, String userAgent) {
        ProvisionedRanges now = served.get();
        Optional<ProvisionedRange> range = now.rangeOf(client);
        if (range.isEmpty()) {
            return Answer.error(403, "client is in no provisioned range");
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Answer.error(405, "method " + method);
        }
        Optional<String> file = FileNames.of(rawPath);
        if (file.isEmpty()) {
            return Answer.error(400, "not a plain file name");
        }
        return serve(now.source(), client, range.get(), file.get(), userAgent == null ? "" : userAgent, true);
    }

    /** The file a phone would get now, without remembering a fetch (for {@code phonectl provisioning preview}). */
    public Answer preview(InetAddress phone, String fileName) {
        ProvisionedRanges now = served.get();
        Optional<ProvisionedRange> range = now.rangeOf(phone);
        if (range.isEmpty()) {
            return Answer.error(403, phone.getHostAddress() + " is in no provisioned range");
        }
        if (FileNames.of("/" + fileName).isEmpty()) {
            return Answer.error(400, "not a plain file name");
        }
        return serve(now.source(), phone, range.get(), fileName, "", false);
    }

    private Answer serve(FileSource source, InetAddress client, ProvisionedRange range, String file, String userAgent,
                         boolean record) {
        ProvisioningProfile profile = range.profile();
        boolean configFile = profile.files().isConfigFile(file);
        Instant now = time.now();
        Optional<byte[]> bytes;
        try {
            bytes = source.read(file, userAgent);
        } catch (FileSource.SourceUnavailable e) {
            return remember(record, configFile, fetch(now, client, range, file, userAgent, 503, 0, null,
                    e.getMessage()), Answer.error(503, e.getMessage()));
        }
        if (!configFile) {
            Answer answer = bytes.map(b -> new Answer(200, b, "application/octet-stream", "passed through"))
                    .orElseGet(() -> Answer.error(404, "not in " + source.describe()));
            return remember(record, false, fetch(now, client, range, file, userAgent, answer.status(),
                    answer.body().length, null, answer.reason()), answer);
        }
        List<ProvisionedServer> desired = desiredServers(client, range);
        Overlay.Request request = new Overlay.Request(List.of(range.primary(), range.fallback()), desired);
        Overlay.Rendered rendered;
        try {
            if (bytes.isPresent()) {
                rendered = Overlay.render(profile, bytes.get(), request);
            } else if (profile.files().macOf(file).isPresent() && source == FileSource.NONE
                    && profile.template().isPresent()) {
                rendered = Overlay.fromTemplate(profile, range.primary().address(), range.fallback().address(),
                        request);
            } else {
                return remember(record, true, fetch(now, client, range, file, userAgent, 404, 0, null,
                        "not in " + source.describe()), Answer.error(404, "not in " + source.describe()));
            }
        } catch (UnparsableFileException e) {
            String why = "refused: not a " + profile.format().configName() + " file for profile " + profile.name()
                    + " (" + e.getMessage() + ")";
            return remember(record, true, fetch(now, client, range, file, userAgent, 500, 0, null, why),
                    Answer.error(500, why));
        }
        String type = profile.format() == ProvisioningProfile.FileFormat.KEY_VALUE ? "text/plain; charset=utf-8"
                : "application/xml; charset=utf-8";
        Answer answer = new Answer(200, rendered.content(), type, rendered.accounts().isEmpty()
                ? "no account names the range's servers; passed through with the required keys"
                : "accounts " + rendered.accounts() + " given " + rendered.servers());
        return remember(record, true, fetch(now, client, range, file, userAgent, 200, rendered.content().length,
                rendered, bytes.isPresent() ? "from " + source.describe() : "from the profile's template"), answer);
    }

    private Answer remember(boolean record, boolean configFile, Fetch fetch, Answer answer) {
        if (record) {
            ledger.record(fetch, configFile);
            if (configFile && fetch.status() == 200) {
                fetchListener.accept(fetch);
            }
        }
        return answer;
    }

    /** A push's servers unless the range's target flipped after it; else the range's desired target's. */
    private List<ProvisionedServer> desiredServers(InetAddress client, ProvisionedRange range) {
        Optional<RangeTarget> target = rangeTargets.apply(range.name());
        Optional<ProvisioningLedger.Desired> pushed = ledger.desired(client);
        if (pushed.isPresent() && (target.isEmpty() || !pushed.get().since().isBefore(target.get().changedAt()))) {
            return pushed.get().servers();
        }
        return range.serversFor(target.map(RangeTarget::desired)
                .orElse(org.phonecontroller.daemon.inventory.Target.PRIMARY));
    }

    private static Fetch fetch(Instant now, InetAddress client, ProvisionedRange range, String file, String userAgent,
                               int status, int bytes, Overlay.Rendered rendered, String detail) {
        ProvisioningProfile profile = range.profile();
        ProvisioningProfile.Device device = profile.recognition().fromHttpUserAgent(userAgent)
                .orElse(new ProvisioningProfile.Device("", "", ""));
        if (device.mac().isEmpty()) {
            String mac = profile.files().macOf(file).map(ProvisioningProfile::normalisedMac).orElse("");
            device = new ProvisioningProfile.Device(device.model(), device.firmware(), mac);
        }
        return new Fetch(now, client, range.name(), profile.name(), file, userAgent, device, status, bytes,
                rendered == null ? List.of() : rendered.accounts(), rendered == null ? List.of() : rendered.servers(),
                detail);
    }
}
