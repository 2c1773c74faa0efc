package org.phonecontroller.bench.push;

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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.phonecontroller.bench.http.PhoneRotation;
import org.phonecontroller.daemon.inventory.Phone;

/**
 * A phone's way through the inventory in a failover, without the phone: PUSHING before the push, VERIFIED after the
 * read-back ({@code PhoneReprogrammer}'s two writes), on embedded H2 through the daemon's group commit. Alone, each
 * write is a commit of its own; 32 phones in flight (virtual threads, as the reconciler runs them) share commits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms256m", "-Xmx256m"})
public class InventoryBenchmark {

    static final int BATCH = 32;

    private PhoneRotation rotation;

    @Setup(Level.Trial)
    public void start() {
        rotation = new PhoneRotation(InventoryState.addresses(0));
    }

    @Benchmark
    public void onePhone(InventoryState inventory) {
        Phone phone = inventory.phone(rotation.next());
        inventory.recordPushing(phone);
        inventory.recordVerified(phone);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void batchOf32Phones(InventoryState inventory) throws Exception {
        CompletableFuture<?>[] inFlight = new CompletableFuture<?>[BATCH];
        for (int i = 0; i < BATCH; i++) {
            Phone phone = inventory.phone(rotation.next());
            inFlight[i] = CompletableFuture.runAsync(() -> {
                inventory.recordPushing(phone);
                inventory.recordVerified(phone);
            }, inventory.virtualThreads());
        }
        CompletableFuture.allOf(inFlight).get(60, TimeUnit.SECONDS);
    }
}
