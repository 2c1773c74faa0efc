package org.phonecontroller.bench.http;

import java.time.Duration;
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

/**
 * JDK HttpClient (as phone-protocols' HttpTransport uses it) against Apache HttpClient 5 async, on the request
 * patterns of one phone in a failover ({@link PhoneClient.Pattern}): a Digest-challenged GET then a POST, or a POST
 * then a POST (a Polycom push: write, read back), on a connection of its own, to 256 fake phones on distinct loopback addresses served by another process. One operation is one phone
 * exchange (3 HTTP requests when the client answers the challenge once; the fake phones count them and the
 * benchmark prints the counts per exchange when it ends). Read {@code cpu.process.norm} (with
 * {@code -prof org.phonecontroller.bench.ProcessCpuProfiler}) and {@code gc.alloc.rate.norm} ({@code -prof gc}),
 * not only the time: both clients work on their own threads.
 *
 * <p>Since issue #17 HttpTransport itself runs on Apache HttpClient 5 async: {@code jdk} (the historical label)
 * measures the adapters' Apache set-up, whose pool keeps {@code HttpTransport.MAX_CONNECTIONS} connections, not
 * {@link #MAX_IDLE}, so its phones do find their old connections; {@code -Djdk.httpclient.*} no longer applies.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms256m", "-Xmx256m",
        "-Djdk.httpclient.connectionPoolSize=" + HttpClientBenchmark.MAX_IDLE})
public class HttpClientBenchmark {

    /** Fake phones: more than the clients keep idle connections, so no phone finds its old connection. */
    static final int PHONES = 256;
    static final int MAX_IDLE = 64;
    static final int BATCH = 32;
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Param({"jdk", "apache"})
    public String client;

    @Param({"GET_THEN_POST", "POST_THEN_POST"})
    public PhoneClient.Pattern pattern;

    private FakePhoneProcess phones;
    private PhoneClient phoneClient;
    private PhoneRotation rotation;

    @Setup(Level.Trial)
    public void start() throws Exception {
        phones = FakePhoneProcess.start("127.91.0.1", PHONES);
        rotation = new PhoneRotation(phones.phones());
        phoneClient = switch (client) {
            case "jdk" -> new JdkPhoneClient(TIMEOUT);
            case "apache" -> new ApachePhoneClient(TIMEOUT, MAX_IDLE);
            default -> throw new IllegalArgumentException("client '" + client + "': jdk or apache");
        };
    }

    /** One phone at a time: the cost of an exchange without concurrency. */
    @Benchmark
    public void onePhone() throws Exception {
        phoneClient.exchange(rotation.next(), pattern).get(TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
    }

    /** 32 phones in flight at once, as the reconciler runs them; figures are per phone. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void batchOf32Phones() throws Exception {
        CompletableFuture<?>[] inFlight = new CompletableFuture<?>[BATCH];
        for (int i = 0; i < BATCH; i++) {
            inFlight[i] = phoneClient.exchange(rotation.next(), pattern);
        }
        CompletableFuture.allOf(inFlight).get(TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        try {
            String stats = phones.stats();
            System.out.println(ExchangeStats.describe(client + " " + pattern, stats, rotation.handedOut()));
        } finally {
            phoneClient.close();
            phones.close();
        }
    }
}
