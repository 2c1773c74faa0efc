package org.phonecontroller.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real silence for a lab block: on loopback every empty address answers at once (a TCP reset, an ICMP port
 * unreachable), while in a real network an address where no phone lives answers nothing. This fixture loads an
 * nftables table of the test's own that drops, on {@code lo}'s input, every packet to an address of the block
 * except the given live ones (phones, PhoneManagers). Dropped on input, not output: the sender's send succeeds and
 * nothing ever comes back, exactly like an empty address of a real network.
 *
 * <p>The table is named {@code pc_silence_PID_K} after this JVM; tables of earlier runs whose pid is gone are
 * deleted first, and {@link #close()} deletes this one. Where nftables cannot be used (not root, no {@code nft},
 * the kernel refuses) the test is aborted — reported as skipped — with the reason, also logged at WARN.
 * {@code scripts/install-test-peers} installs {@code nftables}.
 */
public final class SilentBlock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SilentBlock.class);
    private static final Pattern OURS = Pattern.compile("table ip (pc_silence_(\\d+)_\\d+)");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final String table;

    private SilentBlock(String table) {
        this.table = table;
    }

    /**
     * Makes every address of {@code block} (e.g. {@code 127.66.4.0/22}) silent except {@code live}.
     *
     * @param block a block inside 127.0.0.0/8
     */
    public static SilentBlock dropAllBut(String block, Collection<String> live) {
        if (!block.startsWith("127.")) {
            throw new IllegalArgumentException("only loopback blocks may be silenced: " + block);
        }
        String unavailable = whyUnavailable();
        if (unavailable != null) {
            skip(unavailable);
        }
        deleteLeftovers();
        String table = "pc_silence_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
        StringBuilder rules = new StringBuilder();
        rules.append("table ip ").append(table).append(" {\n");
        rules.append("  set live { type ipv4_addr; ");
        if (!live.isEmpty()) {
            rules.append("elements = { ").append(String.join(", ", live)).append(" }");
        }
        rules.append(" }\n");
        rules.append("  chain input { type filter hook input priority -10; policy accept;\n");
        rules.append("    iifname \"lo\" ip daddr ").append(block).append(" ip daddr != @live drop\n");
        rules.append("  }\n}\n");
        try {
            Path file = Files.createTempFile("pc-silence", ".nft");
            try {
                Files.writeString(file, rules);
                Outcome load = run("nft", "-f", file.toString());
                if (load.exitCode() != 0) {
                    skip("'nft -f' refused the silence table (exit " + load.exitCode() + "): " + load.err().strip());
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the nftables rules: " + e.getMessage(), e);
        }
        LOG.info("nftables table {}: {} silent except {} live address(es)", table, block, live.size());
        return new SilentBlock(table);
    }

    /** The table's name, e.g. to show it in a failure message. */
    public String table() {
        return table;
    }

    @Override
    public void close() {
        Outcome delete = run("nft", "delete", "table", "ip", table);
        if (delete.exitCode() != 0) {
            LOG.warn("could not delete nftables table {}: {}", table, delete.err().strip());
        }
    }

    private static String whyUnavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "nftables needs root (the CI runs as root); running as " + System.getProperty("user.name");
        }
        Outcome version = run("nft", "--version");
        if (version.exitCode() != 0) {
            return "no usable 'nft' (apt-get install nftables, or scripts/install-test-peers): "
                    + version.err().strip();
        }
        Outcome list = run("nft", "list", "tables");
        if (list.exitCode() != 0) {
            return "'nft list tables' failed (exit " + list.exitCode() + "): " + list.err().strip();
        }
        return null;
    }

    /** Deletes the tables of earlier runs whose JVM is gone (killed before it could clean up). */
    private static void deleteLeftovers() {
        Matcher m = OURS.matcher(run("nft", "list", "tables").out());
        while (m.find()) {
            long pid = Long.parseLong(m.group(2));
            if (ProcessHandle.of(pid).isEmpty()) {
                LOG.info("deleting nftables table {} left by a dead run (pid {})", m.group(1), pid);
                run("nft", "delete", "table", "ip", m.group(1));
            }
        }
    }

    private static void skip(String why) {
        String message = "SKIPPED, no real silence: " + why;
        LOG.warn(message);
        Assumptions.abort(message);
    }

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome run(String... command) {
        try {
            Process p = new ProcessBuilder(command).start();
            var out = p.getInputStream().readAllBytes();
            var err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Outcome(124, "", String.join(" ", command) + " timed out");
            }
            return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Outcome(127, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(130, "", "interrupted");
        }
    }

    static List<String> formatted(int[] addresses) {
        List<String> out = new ArrayList<>(addresses.length);
        for (int a : addresses) {
            out.add(AddressList.format(a));
        }
        return out;
    }
}
