package org.phonecontroller.lab;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the lab reports about itself: the values of its Java API and (as JSON) of its control API. */
public final class LabViews {
    private LabViews() {
    }

    /**
     * A PhoneManager as the lab sees it.
     *
     * @param registrations who is registered (empty when not asked for)
     */
    public record PhoneManagerView(String name, String address, PhoneManagerState state, double probeLoss,
                                   int registeredCount, List<Registration> registrations) {
    }

    /** One registration in a PhoneManager's location table. */
    public record Registration(String aor, String contact, String source, String userAgent, Instant registeredAt,
                               Instant expiresAt) {
    }

    /**
     * A phone as the lab sees it.
     *
     * @param servers       configured servers, server 1 first ({@code host:port})
     * @param registeredTo  the PhoneManager (by name, or {@code host:port} when it is none of the lab's) the phone
     *                      is registered at, empty when unregistered
     * @param registration  REGISTERING, REGISTERED, WAITING or REBOOTING
     * @param pendingServers a change stored while in a call, applied when the call ends
     * @param provisioning  what a provisioning-driven phone fetched and did (empty for the other phones)
     */
    public record PhoneView(String address, String vendor, String mac, String userAgent, List<String> servers,
                            Optional<String> registeredTo, String registration, boolean busy,
                            Optional<List<String>> pendingServers, int configChanges, Misbehaviour misbehaviour,
                            Optional<ProvisioningView> provisioning) {

        public PhoneView(String address, String vendor, String mac, String userAgent, List<String> servers,
                         Optional<String> registeredTo, String registration, boolean busy,
                         Optional<List<String>> pendingServers, int configChanges, Misbehaviour misbehaviour) {
            this(address, vendor, mac, userAgent, servers, registeredTo, registration, busy, pendingServers,
                    configChanges, misbehaviour, Optional.empty());
        }
    }

    /**
     * A provisioning-driven phone's provisioning, as the control API shows it.
     *
     * @param url               the provisioning server's base URL
     * @param files             the files it fetches, in order
     * @param httpUserAgent     the User-Agent of its fetches
     * @param lastFetch         its most recent file request
     * @param lastSync          every file request of its most recent sync (boot or NOTIFY), in order
     * @param fetches           file requests since the lab started
     * @param provisionedServers server 1 and 2 of line 1 in what it fetched so far ({@code host:port})
     * @param reboots           reboots since the lab started (NOTIFY-triggered or through the control API)
     * @param notifies          NOTIFYs received
     * @param rebootsOnResync   whether its settings make the vendor's resync NOTIFY reboot it (Yealink
     *                          {@code sip.notify_reboot_enable} not 0, Fanvil {@code NotifyReboot} not 0)
     * @param resyncPending     a resync NOTIFY arrived during a call and waits for the call to end (Cisco)
     */
    public record ProvisioningView(String url, List<String> files, String httpUserAgent, Optional<Fetch> lastFetch,
                                   List<Fetch> lastSync, long fetches, List<String> provisionedServers, int reboots,
                                   int notifies, boolean rebootsOnResync, boolean resyncPending) {
    }

    /**
     * One file request of a phone.
     *
     * @param status  the HTTP status, 0 when no answer came (refused, timeout, garbage)
     * @param outcome {@code applied}, {@code rejected: …} (the firmware would not take the file),
     *                {@code http 404}, {@code no answer: …}
     */
    public record Fetch(Instant time, String file, int status, String outcome) {
    }

    /**
     * Totals over every provisioning-driven phone: for benchmarks and "none rebooted" checks.
     *
     * @param rebootedPhones phones that rebooted at least once
     */
    public record ProvisioningSummary(int phones, long fetches, long failedFetches, int reboots, int rebootedPhones,
                                      int notifies, int resyncsPending) {
    }

    /**
     * Counts for a quick look at 10,000 phones.
     *
     * @param registeredPerPhoneManager phones registered at each PhoneManager (by the phones' own view)
     */
    public record Summary(int phones, int registered, int unregistered, int busy, int rebooting,
                          Map<String, Integer> registeredPerPhoneManager, Map<String, Integer> phonesPerVendor,
                          long startupMillis) {
    }

    /** Filters for {@link PhoneLab#phones(PhoneFilter)}; empty fields match everything. */
    public record PhoneFilter(Optional<String> registeredTo, Optional<String> vendor, Optional<Boolean> busy,
                              int limit) {
        public static final PhoneFilter ALL = new PhoneFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Integer.MAX_VALUE);
    }

    /**
     * Traffic a PhoneManager saw, for throttle and rate tests.
     *
     * @param registersPerSecond         {epochSecond, count} for each second with REGISTERs, oldest first
     * @param configChangesPerSecond     {epochSecond, count} for each second in which phones were reprogrammed to
     *                                   this PhoneManager as their server 1
     */
    public record PhoneManagerStats(String name, long registers, Optional<Instant> firstRegister,
                                    Optional<Instant> lastRegister, long maxRegistersPerSecond,
                                    List<long[]> registersPerSecond, long configChanges,
                                    Optional<Instant> firstConfigChange, Optional<Instant> lastConfigChange,
                                    long maxConfigChangesPerSecond, List<long[]> configChangesPerSecond,
                                    long optionsAnswered, long optionsDropped) {
    }
}
