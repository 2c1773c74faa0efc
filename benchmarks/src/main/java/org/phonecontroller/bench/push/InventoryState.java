package org.phonecontroller.bench.push;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.phonecontroller.bench.http.LoopbackAddresses;
import org.phonecontroller.daemon.inventory.Phone;
import org.phonecontroller.daemon.inventory.PhoneInventory;
import org.phonecontroller.daemon.storage.Database;
import org.phonecontroller.daemon.storage.DatabaseSettings;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;

/**
 * The daemon's inventory on embedded H2 in a file of a temporary folder (as the daemon opens it: HikariCP, Flyway,
 * {@code WRITE_DELAY=0}, group commit), holding {@link #PHONES} phones of one range discovered on the primary and
 * aimed at the backup: each is PENDING towards {@link #DESIRED}, as after {@code aimRangeAt} in a failover.
 */
@State(Scope.Benchmark)
public class InventoryState {

    static final int PHONES = 256;
    static final String FIRST_ADDRESS = "127.92.0.1";
    static final String RANGE = "bench-floor";
    static final ServerAddress PRIMARY = new ServerAddress("127.0.0.10", 5060);
    static final ServerAddress BACKUP = new ServerAddress("127.0.1.10", 5070);
    static final ServerAssignment DESIRED = new ServerAssignment(List.of(BACKUP, PRIMARY));

    private Path folder;
    private Database database;
    PhoneInventory inventory;
    private final Map<InetAddress, Phone> phones = new HashMap<>();
    private ExecutorService virtualThreads;

    @Setup(Level.Trial)
    public void open() throws IOException {
        virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
        folder = Files.createTempDirectory("bench-inventory-");
        database = Database.open(DatabaseSettings.of("jdbc:h2:file:" + folder.resolve("inventory")));
        inventory = new PhoneInventory(database.jdbc());
        Instant now = Instant.now();
        List<String> addresses = LoopbackAddresses.from(FIRST_ADDRESS, PHONES);
        for (int i = 0; i < addresses.size(); i++) {
            var identity = new PhoneIdentity(InetAddress.getByName(addresses.get(i)), "polycom-rest", "Polycom",
                    "VVX 450", "6.4.3.5018", String.format("00:04:f2:00:%02x:%02x", i >> 8, i & 0xFF));
            inventory.upsertDiscovered(RANGE, identity, Optional.of(ServerAssignment.of(PRIMARY)), 1, now);
        }
        inventory.aimRangeAt(RANGE, DESIRED, now);
        for (Phone phone : inventory.unfinished(RANGE, DESIRED)) {
            phones.put(phone.identity().address(), phone);
        }
        if (phones.size() != PHONES) {
            throw new IllegalStateException("the inventory holds " + phones.size() + " unfinished phones, not "
                    + PHONES);
        }
    }

    /** The inventory's row of the phone at {@code address} (as the reconciler read it before the run). */
    Phone phone(InetSocketAddress address) {
        Phone phone = phones.get(address.getAddress());
        if (phone == null) {
            throw new IllegalArgumentException("no phone " + address + " in the benchmark inventory");
        }
        return phone;
    }

    /** A virtual thread per task, for phones in flight at once (the reconciler's way). */
    ExecutorService virtualThreads() {
        return virtualThreads;
    }

    /** The phones' addresses, on {@code port}. */
    static List<InetSocketAddress> addresses(int port) {
        return LoopbackAddresses.from(FIRST_ADDRESS, PHONES).stream()
                .map(a -> new InetSocketAddress(literal(a), port)).toList();
    }

    private static InetAddress literal(String dotted) {
        try {
            return InetAddress.getByName(dotted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What PhoneReprogrammer writes before a push: PUSHING, attempt 1. */
    void recordPushing(Phone phone) {
        if (!inventory.recordPushing(phone, DESIRED, 1, Instant.now())) {
            throw new IllegalStateException("recordPushing found no row for " + phone.address());
        }
    }

    /** What PhoneReprogrammer writes after a verified read-back: VERIFIED. */
    void recordVerified(Phone phone) {
        if (!inventory.recordVerified(phone, DESIRED, Instant.now())) {
            throw new IllegalStateException("recordVerified found no row for " + phone.address());
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        virtualThreads.shutdown();
        database.close();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
