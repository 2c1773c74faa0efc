package org.phonecontroller.daemon.provisioning;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.phonecontroller.protocols.provisioning.ProvisionedServer;

/**
 * What the provisioning server and the pushes share: the servers recorded for a phone by its last push, and the
 * phones' last fetches, with futures for pushes waiting for a fetch. In memory on purpose: after a restart a phone is
 * served its range's desired target (kept in the database), and the reconciler pushes again. Thread-safe.
 */
public final class ProvisioningLedger {

    /** The servers a push recorded for a phone, and when (a range target flipped later wins over it). */
    public record Desired(List<ProvisionedServer> servers, Instant since) {
        public Desired {
            servers = List.copyOf(servers);
        }
    }

    private record Waiter(Predicate<Fetch> wanted, CompletableFuture<Fetch> future) {
    }

    private final Map<InetAddress, Desired> desired = new ConcurrentHashMap<>();
    private final Map<InetAddress, Fetch> lastFetch = new ConcurrentHashMap<>();
    private final Map<InetAddress, Fetch> lastConfigFetch = new ConcurrentHashMap<>();
    private final Map<InetAddress, List<Waiter>> waiters = new ConcurrentHashMap<>();

    public void desire(InetAddress phone, List<ProvisionedServer> servers, Instant now) {
        desired.put(phone, new Desired(servers, now));
    }

    public Optional<Desired> desired(InetAddress phone) {
        return Optional.ofNullable(desired.get(phone));
    }

    /**
     * Forgets the pushed servers of the phones {@code stale} accepts (a reload moved them out of their range, or gave
     * the range other PhoneManagers): they are served their range's target again until the next push.
     *
     * @return how many were forgotten
     */
    public int forgetDesired(Predicate<InetAddress> stale) {
        int[] forgotten = {0};
        desired.keySet().removeIf(phone -> {
            boolean remove = stale.test(phone);
            forgotten[0] += remove ? 1 : 0;
            return remove;
        });
        return forgotten[0];
    }

    /**
     * Remembers a fetch and completes the waiters it satisfies.
     *
     * @param configFile whether the file was one the profile renders (not a firmware image or another passthrough)
     */
    public void record(Fetch fetch, boolean configFile) {
        lastFetch.put(fetch.phone(), fetch);
        if (configFile) {
            lastConfigFetch.put(fetch.phone(), fetch);
        }
        List<Waiter> list = waiters.get(fetch.phone());
        if (list != null) {
            for (Waiter w : list) {
                if (w.wanted().test(fetch)) {
                    w.future().complete(fetch);
                    list.remove(w);
                }
            }
        }
    }

    /** The phone's last fetch of any file. */
    public Optional<Fetch> lastFetch(InetAddress phone) {
        return Optional.ofNullable(lastFetch.get(phone));
    }

    /** The phone's last fetch of a file its profile renders. */
    public Optional<Fetch> lastConfigFetch(InetAddress phone) {
        return Optional.ofNullable(lastConfigFetch.get(phone));
    }

    /**
     * Completes with the first fetch from now on that {@code wanted} accepts; the caller bounds it
     * ({@code orTimeout}) and must {@link #forget} it then.
     */
    public CompletableFuture<Fetch> awaitFetch(InetAddress phone, Predicate<Fetch> wanted) {
        CompletableFuture<Fetch> future = new CompletableFuture<>();
        Waiter w = new Waiter(wanted, future);
        waiters.computeIfAbsent(phone, k -> new CopyOnWriteArrayList<>()).add(w);
        future.whenComplete((f, e) -> {
            List<Waiter> list = waiters.get(phone);
            if (list != null) {
                list.remove(w);
            }
        });
        return future;
    }
}
