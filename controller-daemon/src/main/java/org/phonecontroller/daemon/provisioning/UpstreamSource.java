package org.phonecontroller.daemon.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.phonecontroller.config.HttpCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files from an upstream provisioning server (often on the primary PhoneManager's machine): each answer is cached on
 * disk, written atomically, and served from the cache while the upstream is down, so a failover still provisions.
 * Answers larger than maxBytes are refused (and not cached). The upstream's login, if any, comes from the
 * credentials file and is sent as HTTP Basic; it is never logged.
 */
final class UpstreamSource implements FileSource {

    private static final Logger log = LoggerFactory.getLogger(UpstreamSource.class);

    private final URI base;
    private final Optional<String> authorization;
    private final Path cacheDir;
    private final Duration timeout;
    private final int maxBytes;
    private final HttpClient client;
    private volatile boolean upstreamDown;

    UpstreamSource(URI base, Optional<HttpCredentials> credentials, Path cacheDir, Duration timeout, int maxBytes) {
        this.base = base;
        this.authorization = credentials.map(c -> "Basic " + Base64.getEncoder().encodeToString(
                (c.user() + ":" + c.password()).getBytes(StandardCharsets.UTF_8)));
        this.cacheDir = cacheDir;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Optional<byte[]> read(String fileName, String userAgent) throws SourceUnavailable {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(fileName)).timeout(timeout).GET();
        if (userAgent != null && !userAgent.isBlank() && userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            request.header("User-Agent", userAgent);
        }
        authorization.ifPresent(a -> request.header("Authorization", a));
        try {
            HttpResponse<InputStream> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 404) {
                    up();
                    Files.deleteIfExists(cached(fileName));
                    return Optional.empty();
                }
                if (response.statusCode() != 200) {
                    return fromCache(fileName, "HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw new SourceUnavailable("upstream " + base + fileName + " answered more than " + maxBytes
                            + " bytes (source.maxBytes); refused");
                }
                up();
                store(fileName, bytes);
                return Optional.of(bytes);
            }
        } catch (IOException e) {
            return fromCache(fileName, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fromCache(fileName, "interrupted");
        }
    }

    private void up() {
        if (upstreamDown) {
            upstreamDown = false;
            log.info("Provisioning upstream {} answers again", base);
        }
    }

    private Optional<byte[]> fromCache(String fileName, String why) throws SourceUnavailable {
        if (!upstreamDown) {
            upstreamDown = true;
            log.warn("Provisioning upstream {} does not answer ({}); serving cached files", base, why);
        }
        Path cached = cached(fileName);
        try {
            return Optional.of(Files.readAllBytes(cached));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SourceUnavailable("upstream " + base + " does not answer (" + why + ") and " + fileName
                    + " is not cached");
        } catch (IOException e) {
            throw new SourceUnavailable("upstream " + base + " does not answer (" + why + ") and the cached "
                    + fileName + " cannot be read");
        }
    }

    /** Atomically: a reader sees the old or the new file, never a part. */
    private void store(String fileName, byte[] bytes) {
        try {
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempFile(cacheDir, ".fetch-", ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, cached(fileName), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            log.warn("Cannot cache provisioning file {} in {}: {}", fileName, cacheDir, e.getMessage());
        }
    }

    private Path cached(String fileName) {
        return cacheDir.resolve(fileName);
    }

    @Override
    public String describe() {
        return base.toString();
    }
}
