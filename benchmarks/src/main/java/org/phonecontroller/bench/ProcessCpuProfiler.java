package org.phonecontroller.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of the whole benchmark JVM per operation ({@code -prof org.phonecontroller.bench.ProcessCpuProfiler}):
 * every thread counts, the benchmark's and the ones a client runs behind it (the JDK HttpClient's selector and
 * executor, Apache's I/O reactor, H2's and the group commit's writer), plus GC and JIT, as the daemon pays them. A
 * wall-clock figure alone hides work that asynchronous clients move to their own threads. The fake phones run in a
 * process of their own and are not counted.
 *
 * <p>{@code cpu.process.norm}: CPU microseconds per operation (over all operations of the iteration, as JMH's GC
 * profiler normalises allocation); {@code cpu.jit.norm}: the part of it spent by the JIT compiler threads (Linux
 * only; a short run still compiles); {@code cpu.nojit.norm}: the difference, the steady-state cost;
 * {@code cpu.process.util}: CPU time / wall time of the iteration (2.0 = both cores of a 2-core machine busy).
 */
public final class ProcessCpuProfiler implements InternalProfiler {

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long jitStart;
    private long wallStart;

    /**
     * CPU nanoseconds of the JIT compiler threads so far (Linux: {@code /proc/self/task/*}, threads named
     * {@code C1/C2 CompilerThre...}, clock ticks of 10 ms), or -1 where that cannot be read. A compiler thread that
     * ends during an iteration takes its ticks with it, so this is a lower bound.
     */
    static long jitCpuNanos() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                try {
                    String name = Files.readString(thread.resolve("comm")).strip();
                    if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
                        continue;
                    }
                    String stat = Files.readString(thread.resolve("stat"));
                    // fields after the ")" that closes the name: state is field 3, utime 14, stime 15
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked: its ticks are gone
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * 10_000_000L;
    }

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM (all threads, GC and JIT included) per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        wallStart = System.nanoTime();
        jitStart = jitCpuNanos();
        cpuStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuStart;
        long jitEnd = jitCpuNanos();
        long wall = System.nanoTime() - wallStart;
        long ops = result.getMetadata().getAllOps();
        double perOp = ops > 0 ? cpu / 1_000.0 / ops : Double.NaN;
        double jitPerOp = ops > 0 && jitStart >= 0 && jitEnd >= 0 ? (jitEnd - jitStart) / 1_000.0 / ops : Double.NaN;
        return List.of(
                new ScalarResult("cpu.process.norm", perOp, "us/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.jit.norm", jitPerOp, "us/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.nojit.norm", perOp - jitPerOp, "us/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.process.util", wall > 0 ? (double) cpu / wall : Double.NaN, "cores",
                        AggregationPolicy.AVG));
    }
}
