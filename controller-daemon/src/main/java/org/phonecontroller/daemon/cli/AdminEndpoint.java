package org.phonecontroller.daemon.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.phonecontroller.config.AdminSettings;

/**
 * Where the client commands find the daemon: the {@code admin} section of its configuration file. Only that section
 * is read, so {@code phonectl status} still works while someone edits the rest of the file into a state the
 * daemon would reject (the daemon keeps running on its last good configuration).
 *
 * @param baseUri   e.g. {@code http://127.0.0.1:8765}
 * @param tokenFile the bearer token file, resolved against the configuration file's folder
 * @param config    the configuration file it was read from
 */
public record AdminEndpoint(URI baseUri, Path tokenFile, Path config) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The host:port shown in messages. */
    public String authority() {
        return baseUri.getAuthority();
    }

    /**
     * Reads the admin endpoint from a configuration file.
     *
     * @throws AdminCallFailed (exit 2) naming the file, and the line when it is not YAML
     */
    public static AdminEndpoint read(Path config) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(config));
        } catch (NoSuchFileException e) {
            throw new AdminCallFailed(ExitCodes.USAGE_OR_CONFIG, "the configuration file " + config + " does not exist",
                    "give the daemon's configuration with --config FILE");
        } catch (JacksonException e) {
            throw new AdminCallFailed(ExitCodes.USAGE_OR_CONFIG, config + ":" + e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr() + ": not valid YAML: " + e.getOriginalMessage(),
                    "check it with: phonectl config validate --config " + config);
        } catch (IOException e) {
            throw new AdminCallFailed(ExitCodes.USAGE_OR_CONFIG, "cannot read the configuration file " + config + ": " + e,
                    "run phonectl as a user that may read it (the service account or root)");
        }
        JsonNode admin = root == null ? null : root.path("admin");
        String listen = text(admin, "listen", AdminSettings.DEFAULT_HOST + ":" + AdminSettings.DEFAULT_PORT);
        String tokenFile = text(admin, "tokenFile", AdminSettings.DEFAULT_TOKEN_FILE);
        boolean tls = admin != null && admin.has("tls");
        Path folder = config.toAbsolutePath().getParent();
        URI base;
        try {
            base = URI.create((tls ? "https://" : "http://") + hostPort(listen));
            if (base.getHost() == null || base.getPort() < 1) {
                throw new IllegalArgumentException("no host:port");
            }
        } catch (IllegalArgumentException e) {
            throw new AdminCallFailed(ExitCodes.USAGE_OR_CONFIG, config + ": admin.listen '" + listen
                    + "' is not host:port", "write it like 127.0.0.1:" + AdminSettings.DEFAULT_PORT);
        }
        return new AdminEndpoint(base, folder.resolve(tokenFile).normalize(), config);
    }

    /**
     * The configuration the client commands use without {@code --config}: the first file that exists of
     * {@code $PHONECONTROLLER_HOME/conf/controller.yaml}, {@code /etc/phonecontroller/controller.yaml} and
     * {@code ./conf/controller.yaml}.
     *
     * @throws AdminCallFailed (exit 2) listing the places looked at when none exists
     */
    public static Path defaultConfig(Map<String, String> environment, Path workingDirectory) {
        List<Path> candidates = defaultConfigCandidates(environment, workingDirectory);
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AdminCallFailed(ExitCodes.USAGE_OR_CONFIG, "found no configuration file; looked at " + candidates,
                "give the daemon's configuration with --config FILE, or set PHONECONTROLLER_HOME");
    }

    static List<Path> defaultConfigCandidates(Map<String, String> environment, Path workingDirectory) {
        List<Path> candidates = new ArrayList<>();
        String home = environment.get("PHONECONTROLLER_HOME");
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home, "conf", "controller.yaml"));
        }
        candidates.add(Path.of("/etc/phonecontroller/controller.yaml"));
        candidates.add(workingDirectory.resolve("conf/controller.yaml"));
        return candidates;
    }

    private static String text(JsonNode section, String field, String fallback) {
        if (section == null || !section.hasNonNull(field)) {
            return fallback;
        }
        return section.get(field).asText().strip();
    }

    private static String hostPort(String listen) {
        // A bare IPv6 literal with a port ("::1:8765") is ambiguous; the configuration writes "[::1]:8765".
        return listen.startsWith("[") || listen.chars().filter(c -> c == ':').count() <= 1
                ? listen : "[" + listen.substring(0, listen.lastIndexOf(':')) + "]" + listen.substring(listen.lastIndexOf(':'));
    }
}
