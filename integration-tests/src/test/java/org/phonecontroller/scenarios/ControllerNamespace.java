package org.phonecontroller.scenarios;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network namespace of the daemon's own, joined to the root namespace (where the lab runs on {@code 127.N.x.y}) by
 * a veth pair, so that a test can pull the controller's cable: {@link #cut()} takes the root end of the pair down
 * and every packet between the daemon and the lab is silently dropped (timeouts, no refusals); {@link #restore()}
 * brings it up again, and the namespace's addresses and routes are still there.
 *
 * <p>Inside the namespace only 127.0.0.1 stays local (the daemon's admin API); {@code 127.N.0.0/16} is routed over
 * the veth to the root namespace, and {@code route_localnet} on both ends lets packets to and from 127/8 cross it.
 * The pair's {@code /30} is the first free one of 198.18.253.0/24 (RFC 2544 benchmark range: never routed anywhere)
 * and exists only on this pair; IPv6 is off on both ends, so the pair carries nothing but the test's traffic.
 *
 * <p>Names carry this JVM's pid ({@code pct-ctl-PID-K}, ends {@code pct-rPID-K} and {@code pct-cPID-K}), so runs
 * side by side do not collide; what a killed earlier run left behind (its pid gone) is deleted first. Closing
 * deletes the namespace, and with it the pair. Where namespaces cannot be made (not root, no {@code ip}, or
 * {@code ip netns add} refused) the test is aborted, i.e. reported as skipped, with the reason, also logged at WARN.
 */
final class ControllerNamespace implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerNamespace.class);
    private static final Pattern OURS = Pattern.compile("pct-(?:ctl-|r|c)(\\d+)-\\d+");
    private static final Pattern INET = Pattern.compile("\\binet (198\\.18\\.253\\.(\\d+))/");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final String rootSide;
    private final String controllerSide;
    private final String rootAddress;
    private final String controllerAddress;

    private ControllerNamespace(String suffix, int subnet) {
        this.name = "pct-ctl-" + suffix;
        this.rootSide = "pct-r" + suffix;
        this.controllerSide = "pct-c" + suffix;
        this.rootAddress = "198.18.253." + (subnet + 1);
        this.controllerAddress = "198.18.253." + (subnet + 2);
    }

    /**
     * Makes the namespace and the veth pair, with {@code labPrefix.0.0/16} ({@code 127.N}) reachable from inside;
     * aborts the test (skipped, with the reason) where network namespaces are unavailable.
     */
    static ControllerNamespace createOrAbort(String labPrefix) {
        String unavailable = whyUnavailable();
        if (unavailable != null) {
            skip(unavailable);
        }
        deleteLeftovers();
        String suffix = ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        ControllerNamespace ns = new ControllerNamespace(suffix, freeSubnet());
        Outcome add = run("ip", "netns", "add", ns.name);
        if (add.exitCode() != 0) {
            skip("'ip netns add " + ns.name + "' failed (exit " + add.exitCode() + "): " + add.err().strip());
        }
        try {
            ns.wire(labPrefix);
        } catch (RuntimeException | Error e) {
            ns.close();
            throw e;
        }
        LOG.info("network namespace {}: {} ({}) <-> {} ({}), {}.0.0/16 over the pair", ns.name, ns.controllerSide,
                ns.controllerAddress, ns.rootSide, ns.rootAddress, labPrefix);
        return ns;
    }

    private void wire(String labPrefix) {
        ip("link", "add", rootSide, "type", "veth", "peer", "name", controllerSide, "netns", name);
        check(run("sysctl", "-q", "-e", "-w", "net.ipv6.conf." + rootSide + ".disable_ipv6=1",
                "net.ipv4.conf." + rootSide + ".route_localnet=1"));
        ip("addr", "add", rootAddress + "/30", "dev", rootSide);
        ip("link", "set", rootSide, "up");
        inside("ip", "link", "set", "lo", "up");
        inside("sysctl", "-q", "-e", "-w", "net.ipv6.conf." + controllerSide + ".disable_ipv6=1",
                "net.ipv4.conf.all.route_localnet=1", "net.ipv4.conf." + controllerSide + ".route_localnet=1");
        inside("ip", "addr", "add", controllerAddress + "/30", "dev", controllerSide);
        inside("ip", "link", "set", controllerSide, "up");
        // 127/8 is local on lo: keep 127.0.0.1 only, so the lab's block goes out over the pair.
        inside("ip", "route", "del", "local", "127.0.0.0/8", "dev", "lo", "table", "local");
        inside("ip", "route", "replace", "local", "127.0.0.1", "dev", "lo", "table", "local");
        inside("ip", "route", "add", labPrefix + ".0.0/16", "via", rootAddress, "dev", controllerSide);
    }

    /** Runs a command inside the namespace: {@code ip netns exec NAME}, which execs the command. */
    List<String> commandPrefix() {
        return List.of("ip", "netns", "exec", name);
    }

    String name() {
        return name;
    }

    /** Pulls the cable: the root end of the pair goes down, packets from and to the namespace are dropped. */
    void cut() {
        ip("link", "set", rootSide, "down");
        LOG.info("network of {} cut ({} down)", name, rootSide);
    }

    /** Plugs it back in. */
    void restore() {
        ip("link", "set", rootSide, "up");
        LOG.info("network of {} restored ({} up)", name, rootSide);
    }

    /** Deletes the namespace and with it the pair (once no process is left inside). */
    @Override
    public void close() {
        Outcome del = run("ip", "netns", "del", name);
        if (del.exitCode() != 0) {
            LOG.warn("cannot delete network namespace {}: {}", name, del.err().strip());
        }
    }

    private static void skip(String reason) {
        String message = "SKIPPED: the isolated-controller scenario needs its own network namespace, and here "
                + reason;
        LOG.warn(message);
        Assumptions.abort(message);
    }

    /** Null when namespaces can be tried here, else why not. */
    private static String whyUnavailable() {
        int uid;
        try {
            uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return "/proc/self cannot be read (" + e + "); network namespaces need Linux";
        }
        if (uid != 0) {
            return "this test runs as uid " + uid + ", not root: 'ip netns add' and veth pairs need root";
        }
        try {
            Outcome version = run("ip", "-V");
            if (version.exitCode() != 0) {
                return "'ip -V' failed (exit " + version.exitCode() + "): " + version.err().strip();
            }
        } catch (IllegalStateException e) {
            return "there is no 'ip' command (iproute2): " + e.getMessage();
        }
        return null;
    }

    /** Deletes namespaces and links of earlier runs whose JVM is gone (killed before it could clean up). */
    private static void deleteLeftovers() {
        for (String line : check(run("ip", "netns", "list")).out().split("\n")) {
            String ns = line.strip().split("\\s+")[0];
            if (isLeftover(ns)) {
                LOG.warn("deleting network namespace {} left by an earlier run", ns);
                run("ip", "netns", "del", ns);
            }
        }
        for (String line : check(run("ip", "-o", "link", "show")).out().split("\n")) {
            String[] fields = line.split(":\\s+", 3);
            if (fields.length >= 2) {
                String link = fields[1].split("@")[0];
                if (isLeftover(link)) {
                    LOG.warn("deleting link {} left by an earlier run", link);
                    run("ip", "link", "del", link);
                }
            }
        }
    }

    private static boolean isLeftover(String name) {
        Matcher m = OURS.matcher(name);
        return m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true);
    }

    /** The first /30 of 198.18.253.0/24 that no link of the root namespace uses (another run may hold one). */
    private static int freeSubnet() {
        Set<Integer> taken = new HashSet<>();
        Matcher m = INET.matcher(check(run("ip", "-o", "-4", "addr", "show")).out());
        while (m.find()) {
            taken.add(Integer.parseInt(m.group(2)) & ~3);
        }
        for (int subnet = 0; subnet < 256; subnet += 4) {
            if (!taken.contains(subnet)) {
                return subnet;
            }
        }
        throw new IllegalStateException("every /30 of 198.18.253.0/24 is in use: " + taken);
    }

    private void inside(String... command) {
        List<String> all = new ArrayList<>(commandPrefix());
        all.addAll(Arrays.asList(command));
        check(run(all.toArray(String[]::new)));
    }

    private static void ip(String... args) {
        List<String> all = new ArrayList<>(List.of("ip"));
        all.addAll(Arrays.asList(args));
        check(run(all.toArray(String[]::new)));
    }

    private static Outcome check(Outcome outcome) {
        if (outcome.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", outcome.command()) + " failed (exit "
                    + outcome.exitCode() + "): " + outcome.err().strip());
        }
        return outcome;
    }

    private record Outcome(List<String> command, int exitCode, String out, String err) {
    }

    private static Outcome run(String... command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("pct-ip", ".out");
            err = Files.createTempFile("pct-ip", ".err");
            Process p = new ProcessBuilder(command)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException(String.join(" ", command) + " still running after "
                        + COMMAND_TIMEOUT);
            }
            return new Outcome(List.of(command), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", file, e.toString());
        }
    }
}
