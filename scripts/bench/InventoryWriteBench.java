// The inventory's share of a failover, without phones or network: N phones in 4 ranges on a fresh embedded H2 file
// (or the database URL given), then ROUNDS rounds of "aim every range at the other PhoneManager, then per phone
// PUSHING -> VERIFIED -> its event row" from up to 1,024 virtual threads at once, as the reconciler writes them.
// Prints per round: wall time, the process's CPU time per phone, GC time and count, and bytes allocated per phone.
// Not part of the test run. Sends nothing anywhere.
//
//   ./mvnw -q -B -ntp -pl controller-daemon -am package -DskipTests
//   $(scripts/find-java) -Xmx192m -XX:+UseSerialGC -cp "controller-daemon/target/controller-daemon-0.1.0-SNAPSHOT.jar:controller-daemon/target/lib/*" \
//       scripts/bench/InventoryWriteBench.java [PHONES] [ROUNDS] [URL-OPTIONS]
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.events.EventStore;
import org.phonecontroller.daemon.inventory.Phone;
import org.phonecontroller.daemon.inventory.PhoneInventory;
import org.phonecontroller.daemon.storage.Database;
import org.phonecontroller.daemon.storage.DatabaseSettings;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;

public class InventoryWriteBench {
    public static void main(String[] args) throws Exception {
        int phones = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        String options = args.length > 2 ? args[2] : "";
        Path folder = Files.createTempDirectory("inventory-bench");
        String url = "jdbc:h2:file:" + folder.resolve("inventory") + options;
        String[] ranges = {"polycom", "cisco", "snom", "grandstream"};
        ServerAssignment a = ServerAssignment.of(new ServerAddress("127.28.0.10", 5060),
                new ServerAddress("127.28.1.10", 5060));
        ServerAssignment b = ServerAssignment.of(new ServerAddress("127.28.1.10", 5060),
                new ServerAddress("127.28.0.10", 5060));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Database db = Database.open(DatabaseSettings.of(url))) {
            PhoneInventory inventory = new PhoneInventory(db.jdbc());
            EventStore events = new EventStore(db.jdbc());
            Instant now = Instant.now();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < phones; i++) {
                    int n = i;
                    pool.submit(() -> {
                        InetAddress address = InetAddress.getByAddress(new byte[] {127, 28, (byte) (16 + n / 250),
                                (byte) (1 + n % 250)});
                        inventory.upsertDiscovered(ranges[n % 4], new PhoneIdentity(address, "polycom-rest",
                                "Polycom", "VVX 450", "6.4.3.5018", String.format("00:04:f2:%02x:%02x:%02x",
                                        n >> 16 & 255, n >> 8 & 255, n & 255)), Optional.of(a), 1, now);
                        return null;
                    });
                }
            }
            System.out.printf("%d phones in %d ranges, %s%n", phones, ranges.length, url);
            for (int round = 1; round <= rounds; round++) {
                ServerAssignment desired = round % 2 == 1 ? b : a;
                String target = round % 2 == 1 ? "pm-b" : "pm-a";
                long gcTime0 = gcTime(), gcCount0 = gcCount(), cpu0 = os.getProcessCpuTime();
                long alloc0 = threads.getTotalThreadAllocatedBytes();
                long t0 = System.nanoTime();
                List<Phone> todo = new ArrayList<>();
                for (String range : ranges) {
                    inventory.aimRangeAt(range, desired, Instant.now());
                    todo.addAll(inventory.unfinished(range, desired));
                }
                long aimed = System.nanoTime();
                Semaphore inFlight = new Semaphore(1024);
                try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (Phone phone : todo) {
                        inFlight.acquire();
                        pool.submit(() -> {
                            try {
                                inventory.recordPushing(phone, desired, 1, Instant.now());
                                inventory.recordVerified(phone, desired, Instant.now());
                                events.append(Event.ofPhone(Instant.now(), EventKind.PHONE_REPROGRAMMED,
                                        phone.range(), phone.address(), target, "now on " + desired
                                                + " (read back) after 1 attempt(s)"));
                            } finally {
                                inFlight.release();
                            }
                            return null;
                        });
                    }
                }
                db.jdbc().awaitSubmitted();
                long t1 = System.nanoTime();
                System.out.printf("round %d: %d phones, aim %d ms, writes %d ms, whole %d ms, CPU %.3f ms/phone,"
                                + " GC %d ms in %d, %.1f KB allocated/phone%n", round, todo.size(),
                        (aimed - t0) / 1_000_000, (t1 - aimed) / 1_000_000, (t1 - t0) / 1_000_000,
                        (os.getProcessCpuTime() - cpu0) / 1e6 / todo.size(), gcTime() - gcTime0,
                        gcCount() - gcCount0, (threads.getTotalThreadAllocatedBytes() - alloc0) / 1024.0
                                / todo.size());
            }
        } finally {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long gcTime() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }
}
