package org.phonecontroller.bench.push;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.phonecontroller.bench.http.FakePhoneProcess;
import org.phonecontroller.bench.http.PhoneRotation;
import org.phonecontroller.daemon.inventory.Phone;
import org.phonecontroller.protocols.BusyPolicy;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.PushResult;
import org.phonecontroller.protocols.http.HttpCredentials;
import org.phonecontroller.protocols.http.HttpTransport;
import org.phonecontroller.protocols.http.PolycomRestProtocol;
import org.phonecontroller.protocols.http.SnomHttpProtocol;
import org.phonecontroller.protocols.http.TlsPolicy;

/**
 * The push of one phone through a vendor HTTP adapter ({@code PhoneProtocol.assign} with {@link BusyPolicy#FORCE},
 * as the reconciler's first attempt: write, read back, compare) against fake phones on 256 loopback addresses in
 * another process, each push on a new connection that starts with a Digest challenge. {@code polycom-rest}: 401 +
 * {@code POST config/set} + {@code POST config/get}; {@code snom-http}: 401 + {@code GET dummy.htm?settings=save} +
 * {@code GET settings.htm}. The {@code WithInventory} variants add the two inventory writes around the push
 * ({@code PhoneReprogrammer}: PUSHING before, VERIFIED after) on embedded H2.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms256m", "-Xmx256m",
        "-Djdk.httpclient.connectionPoolSize=64"})
public class AdapterPushBenchmark {

    static final int BATCH = 32;
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Param({"polycom-rest", "snom-http"})
    public String adapter;

    private FakePhoneProcess phones;
    private HttpTransport transport;
    private PhoneProtocol protocol;
    private PhoneRotation rotation;

    @Setup(Level.Trial)
    public void start() throws Exception {
        phones = FakePhoneProcess.start(InventoryState.FIRST_ADDRESS, InventoryState.PHONES);
        rotation = new PhoneRotation(phones.phones());
        transport = HttpTransport.create(new TlsPolicy.PlainHttp(), TIMEOUT);
        var credentials = new HttpCredentials(FakePhoneProcess.USER, FakePhoneProcess.PASSWORD);
        int port = phones.phones().get(0).getPort();
        protocol = switch (adapter) {
            case PolycomRestProtocol.NAME -> new PolycomRestProtocol(transport, credentials, port,
                    InstantSource.system());
            case SnomHttpProtocol.NAME -> new SnomHttpProtocol(transport, credentials, port, 1, InstantSource.system());
            default -> throw new IllegalArgumentException("adapter '" + adapter + "': polycom-rest or snom-http");
        };
    }

    private PhoneIdentity identity(InetSocketAddress phone) {
        return new PhoneIdentity(phone.getAddress(), adapter, "bench", "bench", "1", "");
    }

    private CompletableFuture<PushResult> push(InetSocketAddress phone) {
        return protocol.assign(identity(phone), InventoryState.DESIRED, BusyPolicy.FORCE).thenApply(result -> {
            if (!(result instanceof PushResult.Applied)) {
                throw new IllegalStateException("push to " + phone + " did not apply: " + result);
            }
            return result;
        });
    }

    @Benchmark
    public PushResult onePhone() throws Exception {
        return push(rotation.next()).get(TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void batchOf32Phones() throws Exception {
        CompletableFuture<?>[] inFlight = new CompletableFuture<?>[BATCH];
        for (int i = 0; i < BATCH; i++) {
            inFlight[i] = push(rotation.next());
        }
        CompletableFuture.allOf(inFlight).get(TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
    }

    @Benchmark
    public PushResult onePhoneWithInventory(InventoryState inventory) throws Exception {
        InetSocketAddress address = rotation.next();
        Phone phone = inventory.phone(address);
        inventory.recordPushing(phone);
        PushResult result = push(address).get(TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
        inventory.recordVerified(phone);
        return result;
    }

    /** 32 phones in flight, each on a virtual thread of its own as in the reconciler's pass. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void batchOf32PhonesWithInventory(InventoryState inventory) throws Exception {
        CompletableFuture<?>[] inFlight = new CompletableFuture<?>[BATCH];
        for (int i = 0; i < BATCH; i++) {
            InetSocketAddress address = rotation.next();
            Phone phone = inventory.phone(address);
            inFlight[i] = CompletableFuture.runAsync(() -> {
                inventory.recordPushing(phone);
                try {
                    push(address).get(TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("push to " + address + " failed", e);
                }
                inventory.recordVerified(phone);
            }, inventory.virtualThreads());
        }
        CompletableFuture.allOf(inFlight).get(TIMEOUT.toSeconds() * 6, TimeUnit.SECONDS);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        try {
            System.out.println("[" + adapter + "] fake phones after " + rotation.handedOut() + " pushes: "
                    + phones.stats());
        } finally {
            transport.close();
            phones.close();
        }
    }
}
