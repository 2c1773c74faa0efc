package org.phonecontroller.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
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
 * profiler normalises allocation); {@code cpu.process.util}: CPU time / wall time of the iteration (2.0 = both cores
 * of a 2-core machine busy).
 */
public final class ProcessCpuProfiler implements InternalProfiler {

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM (all threads, GC and JIT included) per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        wallStart = System.nanoTime();
        cpuStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        long ops = result.getMetadata().getAllOps();
        double perOp = ops > 0 ? cpu / 1_000.0 / ops : Double.NaN;
        return List.of(
                new ScalarResult("cpu.process.norm", perOp, "us/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.process.util", wall > 0 ? (double) cpu / wall : Double.NaN, "cores",
                        AggregationPolicy.AVG));
    }
}
