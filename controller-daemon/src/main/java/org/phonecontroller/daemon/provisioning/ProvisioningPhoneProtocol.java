package org.phonecontroller.daemon.provisioning;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.BusyPolicy;
import org.phonecontroller.protocols.CallState;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.PhoneProtocolException;
import org.phonecontroller.protocols.PushResult;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;
import org.phonecontroller.protocols.http.HttpCredentials;
import org.phonecontroller.protocols.provisioning.ProvisioningProfile;
import org.phonecontroller.protocols.sip.SipExchange;
import org.phonecontroller.protocols.sip.SipNotifier;
import org.phonecontroller.protocols.sip.SipUdpClient;
import org.phonecontroller.protocols.sip.UserAgentTable;

/**
 * {@code provisioning:<profile>}: the phone takes its servers from the file the controller serves. The synchronize
 * step of wazo-provd's split: <b>push</b> records the desired servers for the phone (the server serves them from then
 * on), then triggers a re-fetch (the profile's SIP NOTIFY event, Digest-answered with the range's credentials, and/or
 * its HTTP action URL), re-triggering once per {@code deadline / triggers}; it is <b>verified</b> only when the phone
 * fetched a file after the trigger that gave its accounts the desired servers. No such fetch by the deadline is
 * {@link FailureReason#NO_FETCH} (the reconciler retries). Call state is UNKNOWN: profiles cannot read it.
 */
public final class ProvisioningPhoneProtocol implements PhoneProtocol {

    private final ProvisionedRange range;
    private final ProvisioningLedger ledger;
    private final SipUdpClient sip;
    private final int phoneSipPort;
    private final Optional<HttpCredentials> credentials;
    private final Duration deadline;
    private final int triggers;
    private final Duration sipTimeout;
    private final ScheduledExecutorService scheduler;
    private final TimeSource time;
    private final String serverUrl;
    private final HttpClient http;
    private final UserAgentTable userAgents = UserAgentTable.builtIn();

    /**
     * @param serverUrl the provisioning server's URL as phones should be given it, for advice in failures
     */
    public ProvisioningPhoneProtocol(ProvisionedRange range, ProvisioningLedger ledger, SipUdpClient sip,
                                     int phoneSipPort, Optional<HttpCredentials> credentials, Duration deadline,
                                     int triggers, Duration sipTimeout, ScheduledExecutorService scheduler,
                                     TimeSource time, String serverUrl, HttpClient http) {
        this.range = Objects.requireNonNull(range, "range");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.sip = Objects.requireNonNull(sip, "sip");
        this.phoneSipPort = phoneSipPort;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.triggers = Math.max(1, triggers);
        this.sipTimeout = Objects.requireNonNull(sipTimeout, "sipTimeout");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.time = Objects.requireNonNull(time, "time");
        this.serverUrl = Objects.requireNonNull(serverUrl, "serverUrl");
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public String name() {
        return range.protocol();
    }

    private ProvisioningProfile profile() {
        return range.profile();
    }

    /** A phone of this range that fetched from us, or whose SIP User-Agent is the profile's vendor's. */
    @Override
    public CompletableFuture<Optional<PhoneIdentity>> identify(InetAddress address) {
        Optional<Fetch> fetched = ledger.lastConfigFetch(address).filter(f -> f.profile().equals(profile().name()));
        if (fetched.isPresent()) {
            Fetch f = fetched.get();
            return CompletableFuture.completedFuture(Optional.of(new PhoneIdentity(address, name(),
                    profile().vendor(), f.device().model(), f.device().firmware(), f.device().mac())));
        }
        var target = new ServerAddress(address.getHostAddress(), phoneSipPort);
        return sip.send(sip.requests().options(target), new InetSocketAddress(address, phoneSipPort), sipTimeout)
                .thenApply(exchange -> exchange instanceof SipExchange.Answered a ? a.response().userAgent()
                        .filter(ua -> profile().recognition().isSipUserAgent(ua)).map(ua -> {
                            var guess = userAgents.guess(ua).orElse(new UserAgentTable.DeviceGuess("", "", ""));
                            return new PhoneIdentity(address, name(), profile().vendor(), guess.model(),
                                    guess.firmware(), "");
                        }) : Optional.empty());
    }

    /** What the phone was last served (it applies what it fetches); fails when it never fetched such a file. */
    @Override
    public CompletableFuture<ServerAssignment> readAssignment(PhoneIdentity phone) {
        return ledger.lastConfigFetch(phone.address()).filter(f -> f.status() == 200 && !f.servers().isEmpty())
                .map(f -> CompletableFuture.completedFuture(new ServerAssignment(f.servers())))
                .orElseGet(() -> CompletableFuture.failedFuture(new PhoneProtocolException(FailureReason.UNSUPPORTED,
                        phone.address().getHostAddress() + " has not fetched a provisioning file naming the range's"
                                + " servers from the controller yet")));
    }

    @Override
    public CompletableFuture<PushResult> assign(PhoneIdentity phone, ServerAssignment assignment) {
        return assign(phone, assignment, BusyPolicy.FORCE);
    }

    /** The call state is unknown, so {@link BusyPolicy} changes nothing (the reconciler's deferral does not apply). */
    @Override
    public CompletableFuture<PushResult> assign(PhoneIdentity phone, ServerAssignment assignment,
                                                BusyPolicy busyPolicy) {
        InetAddress address = phone.address();
        Instant start = time.now();
        ledger.desire(address, range.provisioned(assignment.servers()), start);
        CompletableFuture<Fetch> fetched = ledger.awaitFetch(address, f -> !f.at().isBefore(start)
                && f.served(assignment.servers()));
        CompletableFuture<PushResult> result = new CompletableFuture<>();
        String[] lastTrigger = {""};
        long every = deadline.toMillis() / triggers;
        for (int i = 0; i < triggers; i++) {
            scheduler.schedule(() -> {
                if (!fetched.isDone()) {
                    trigger(address).whenComplete((outcome, error) -> {
                        lastTrigger[0] = error != null ? error.toString() : outcome.detail();
                        if (error == null && outcome.authFailed()) {
                            fetched.cancel(false);
                            result.complete(new PushResult.Failed(FailureReason.AUTH_FAILED, outcome.detail()
                                    + "; set the phone's SIP user in the range's credentials (http: user/password)"));
                        }
                    });
                }
            }, i * every, TimeUnit.MILLISECONDS);
        }
        fetched.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS).whenComplete((fetch, error) -> {
            if (error == null) {
                result.complete(new PushResult.Applied(assignment, Duration.between(start, fetch.at())));
            } else if (error instanceof TimeoutException) {
                result.complete(noFetch(address, start, assignment, lastTrigger[0]));
            }
        });
        return result;
    }

    private PushResult noFetch(InetAddress address, Instant start, ServerAssignment assignment, String trigger) {
        Optional<Fetch> since = ledger.lastConfigFetch(address).filter(f -> !f.at().isBefore(start));
        if (since.isPresent()) {
            Fetch f = since.get();
            return new PushResult.Failed(FailureReason.VERIFY_MISMATCH, "fetched " + f.file() + " after the trigger"
                    + " but was answered " + f.status() + (f.accounts().isEmpty()
                    ? " with no account naming the range's servers " + range.primary().address() + " / "
                    + range.fallback().address() + " (is the phone's file in the source, with its servers?)"
                    : " with servers " + f.servers() + " instead of " + assignment.servers())
                    + (f.detail() == null ? "" : "; " + f.detail()));
        }
        return new PushResult.Failed(FailureReason.NO_FETCH, "no fetch from " + address.getHostAddress()
                + " within " + deadline.toMillis() + "ms of " + triggers + " trigger(s) (" + trigger + "); check that"
                + " the phone's provisioning URL is " + serverUrl + " (DHCP option 66 or its auto-provisioning"
                + " setting), that it accepts the trigger from the controller (see docs/provisioning.md) and can"
                + " reach it");
    }

    private record TriggerOutcome(boolean authFailed, String detail) {
    }

    private CompletableFuture<TriggerOutcome> trigger(InetAddress address) {
        ProvisioningProfile.Trigger t = profile().trigger();
        if (t.notifyEvent().isPresent()) {
            String event = t.notifyEvent().get();
            return new SipNotifier(sip, sipTimeout).notify(new ServerAddress(address.getHostAddress(), phoneSipPort),
                    event, credentials).thenApply(r -> switch (r) {
                        case SipNotifier.Result.Accepted a -> new TriggerOutcome(false, "NOTIFY " + event
                                + " accepted with " + a.statusCode());
                        case SipNotifier.Result.Failed f -> new TriggerOutcome(f.reason() == FailureReason.AUTH_FAILED,
                                f.detail());
                    });
        }
        String url = t.actionUrl().orElseThrow().replace("{phone}", address.getHostAddress().contains(":")
                ? "[" + address.getHostAddress() + "]" : address.getHostAddress());
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(sipTimeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) ->
                error != null ? new TriggerOutcome(false, "action URL: " + error.getClass().getSimpleName())
                        : new TriggerOutcome(response.statusCode() == 401 || response.statusCode() == 403,
                        "action URL answered " + response.statusCode()));
    }

    @Override
    public CompletableFuture<CallState> callState(PhoneIdentity phone) {
        return CompletableFuture.completedFuture(CallState.UNKNOWN);
    }

    /** For tests and tools. */
    List<ServerAddress> rangeServers() {
        return List.of(range.primary().address(), range.fallback().address());
    }
}
