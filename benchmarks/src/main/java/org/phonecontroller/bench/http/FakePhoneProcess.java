package org.phonecontroller.bench.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link FakePhoneServer} in a child JVM (same classpath), so the benchmark JVM's CPU and allocation figures hold
 * the client side only. Closing it closes the child's standard input, on which the child ends.
 */
public final class FakePhoneProcess implements AutoCloseable {

    public static final String USER = "admin";
    public static final String PASSWORD = "bench-phone-pass";

    private final Process process;
    private final Path log;
    private final List<InetSocketAddress> phones;

    private FakePhoneProcess(Process process, Path log, List<InetSocketAddress> phones) {
        this.process = process;
        this.log = log;
        this.phones = phones;
    }

    /** Starts {@code count} fake phones from {@code firstAddress} on and waits (30 s at most) until they listen. */
    public static FakePhoneProcess start(String firstAddress, int count) throws IOException, InterruptedException {
        List<String> addresses = LoopbackAddresses.from(firstAddress, count);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("fake-phones-", ".log");
        Process process = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), FakePhoneServer.class.getName(), firstAddress,
                Integer.toString(count), USER, PASSWORD)
                .redirectError(log.toFile())
                .start();
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            line = null;
        }
        if (line == null || !line.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IOException("the fake phones did not start (said " + line + "); see " + log + ":\n"
                    + Files.readString(log));
        }
        int port = Integer.parseInt(line.substring(6).strip());
        List<InetSocketAddress> phones = new ArrayList<>(count);
        for (String a : addresses) {
            phones.add(new InetSocketAddress(literal(a), port));
        }
        return new FakePhoneProcess(process, log, List.copyOf(phones));
    }

    private static InetAddress literal(String dotted) {
        try {
            return InetAddress.getByName(dotted);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(dotted, e);
        }
    }

    /** The phones' addresses, all on one port. */
    public List<InetSocketAddress> phones() {
        return phones;
    }

    /** The server's counters ({@code requests=.. challenges=.. stale=.. connections=..}). */
    public String stats() throws IOException, InterruptedException {
        InetSocketAddress first = phones.get(0);
        var connection = (java.net.HttpURLConnection) URI.create("http://" + first.getAddress().getHostAddress() + ":"
                + first.getPort() + "/stats").toURL().openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(5_000);
        try (var in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } finally {
            connection.disconnect();
        }
    }

    /** One counter of {@link #stats()}. */
    public static long counter(String stats, String name) {
        for (String part : stats.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new IllegalArgumentException("no counter '" + name + "' in '" + stats + "'");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
