package org.phonecontroller.it.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.phonecontroller.lab.PhoneLab;

/**
 * The cost of cluster mode (run by {@code scripts/bench/cluster-bench}, not by the tests): primary killed → every
 * phone on the fallback, for one node on H2 and for two nodes on PostgreSQL; and the node running a failover killed
 * → the first push of the survivor and the end of the failover, for a check-in interval of 7.5 s (Quartz's default)
 * and 1 s. Prints each run and the medians.
 */
public final class ClusterBench {

    private static final String NEVER = "0 0 0 1 1 ? 2099";

    private ClusterBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int phones = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path work = Files.createTempDirectory("cluster-bench");
        List<String> report = new ArrayList<>();
        report.add(failover("H2, one node", false, runs, phones, work));
        report.add(failover("PostgreSQL, two nodes", true, runs, phones, work));
        for (String checkin : List.of("7500ms", "1s")) {
            report.add(recovery(checkin, runs, phones, work));
        }
        System.out.println();
        report.forEach(System.out::println);
    }

    private static String failover(String name, boolean cluster, int runs, int phones, Path work) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path folder = Files.createTempDirectory(work, "failover");
            ClusterDatabase database = cluster ? ClusterDatabase.create() : null;
            int httpPort = ClusterLab.freeTcpPort();
            List<ClusterNodeProcess> nodes = new ArrayList<>();
            try (PhoneLab lab = ClusterLab.start(httpPort, phones)) {
                String url = cluster ? database.daemonUrl()
                        : "jdbc:h2:file:" + folder.resolve("node-1/data/phonecontroller");
                String yaml = ClusterLab.controllerYaml(url, 100_000, NEVER, "1s");
                for (int i = 1; i <= (cluster ? 2 : 1); i++) {
                    nodes.add(ClusterNodeProcess.start(folder.resolve("node-" + i), yaml, ClusterLab.CREDENTIALS,
                            httpPort));
                }
                waitFor(() -> discovered(nodes.get(0), phones), 90_000);
                long start = System.nanoTime();
                lab.killPhoneManager("pm-a");
                waitFor(() -> ClusterLab.onFallback(lab) == phones, 120_000);
                millis.add((System.nanoTime() - start) / 1_000_000);
                System.out.printf(Locale.ROOT, "failover %s run %d: %d ms%n", name, run + 1, millis.getLast());
            } finally {
                for (ClusterNodeProcess node : nodes) {
                    node.close();
                }
                if (database != null) {
                    database.close();
                }
            }
        }
        return String.format(Locale.ROOT, "failover of %d phones, primary killed -> all on fallback, %s: median %d ms"
                + " (runs %s)", phones, name, median(millis), millis);
    }

    private static String recovery(String checkin, int runs, int phones, Path work) throws Exception {
        List<Long> firstPush = new ArrayList<>();
        List<Long> done = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path folder = Files.createTempDirectory(work, "recovery");
            ClusterDatabase database = ClusterDatabase.create();
            int httpPort = ClusterLab.freeTcpPort();
            List<ClusterNodeProcess> nodes = new ArrayList<>();
            try (PhoneLab lab = ClusterLab.start(httpPort, phones)) {
                String yaml = ClusterLab.controllerYaml(database.daemonUrl(), 10, NEVER, checkin);
                for (int i = 1; i <= 2; i++) {
                    nodes.add(ClusterNodeProcess.start(folder.resolve("node-" + i), yaml, ClusterLab.CREDENTIALS,
                            httpPort));
                }
                waitFor(() -> discovered(nodes.get(0), phones) && bothNodesListed(nodes.get(1)), 90_000);
                String id0 = nodeId(nodes.get(0));
                lab.killPhoneManager("pm-a");
                waitFor(() -> ClusterLab.onFallback(lab) >= 20, 60_000);
                String runner = database.nodeRunning("failover-" + ClusterLab.RANGE).orElseThrow();
                ClusterNodeProcess victim = runner.equals(id0) ? nodes.get(0) : nodes.get(1);
                victim.kill();
                long killed = System.nanoTime();
                int before = ClusterLab.onFallback(lab);
                waitFor(() -> ClusterLab.onFallback(lab) > before + 1, 120_000);
                firstPush.add((System.nanoTime() - killed) / 1_000_000);
                waitFor(() -> ClusterLab.onFallback(lab) == phones, 120_000);
                done.add((System.nanoTime() - killed) / 1_000_000);
                System.out.printf(Locale.ROOT, "recovery checkin %s run %d: survivor pushes after %d ms, done after"
                        + " %d ms%n", checkin, run + 1, firstPush.getLast(), done.getLast());
            } finally {
                for (ClusterNodeProcess node : nodes) {
                    node.close();
                }
                database.close();
            }
        }
        return String.format(Locale.ROOT, "node running the failover killed (kill -9), clusterCheckinInterval %s:"
                + " survivor's first push after median %d ms (runs %s); failover done after median %d ms (runs %s)",
                checkin, median(firstPush), firstPush, median(done), done);
    }

    /** True once the node knows every phone; asks it for another scan otherwise (a no-op while one runs). */
    private static boolean discovered(ClusterNodeProcess node, int phones) {
        try {
            if (node.phonectl("phones", "--json").split("\"address\"").length - 1 >= phones) {
                return true;
            }
            node.phonectl("scan", "--range", ClusterLab.RANGE);
            Thread.sleep(500);
        } catch (RuntimeException e) {
            return false; // not up yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static boolean bothNodesListed(ClusterNodeProcess node) {
        try {
            return node.phonectl("status", "--json").split("\"lastCheckin\"").length - 1 == 2;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String nodeId(ClusterNodeProcess node) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(node.phonectl("status", "--json"))
                .get("controller").get("nodeId").asText();
    }

    private static void waitFor(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not reached within " + timeoutMillis + " ms");
            }
            Thread.sleep(20);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
