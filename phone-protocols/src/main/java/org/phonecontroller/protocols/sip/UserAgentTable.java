package org.phonecontroller.protocols.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Guesses vendor, model and firmware from a SIP {@code User-Agent}/{@code Server} value with a table of patterns
 * (data, not code: {@code user-agents.yaml} next to this class, or any YAML list of {@code vendor} + {@code pattern}
 * entries with optional named groups {@code model} and {@code firmware}).
 */
public final class UserAgentTable {

    /** What a User-Agent says about the device; empty strings where it says nothing. */
    public record DeviceGuess(String vendor, String model, String firmware) {
        public DeviceGuess {
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(firmware, "firmware");
        }
    }

    private record Entry(String vendor, Pattern pattern) {
    }

    private record RawEntry(String vendor, String pattern) {
    }

    private final List<Entry> entries;

    private UserAgentTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The built-in table. */
    public static UserAgentTable builtIn() {
        try (InputStream in = UserAgentTable.class.getResourceAsStream("user-agents.yaml")) {
            if (in == null) {
                throw new IllegalStateException("user-agents.yaml is missing from the classpath");
            }
            return load(in, "user-agents.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException("reading the built-in user-agents.yaml", e);
        }
    }

    /**
     * Reads a table.
     *
     * @throws IllegalArgumentException naming the source and the entry when an entry is incomplete or its pattern
     *     does not compile
     */
    public static UserAgentTable load(InputStream yaml, String sourceName) throws IOException {
        List<RawEntry> raw = new ObjectMapper(new YAMLFactory()).readValue(yaml, new TypeReference<>() {
        });
        var entries = new ArrayList<Entry>();
        for (int i = 0; i < raw.size(); i++) {
            RawEntry r = raw.get(i);
            if (r == null || r.vendor() == null || r.vendor().isBlank() || r.pattern() == null) {
                throw new IllegalArgumentException(sourceName + ": entry " + (i + 1) + " needs vendor and pattern");
            }
            try {
                entries.add(new Entry(r.vendor(), Pattern.compile(r.pattern(), Pattern.CASE_INSENSITIVE)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(sourceName + ": entry " + (i + 1) + " (" + r.vendor()
                        + "): bad pattern: " + e.getDescription(), e);
            }
        }
        return new UserAgentTable(entries);
    }

    /** The first matching entry's guess, or empty when no pattern matches. */
    public Optional<DeviceGuess> guess(String userAgent) {
        String ua = userAgent.strip();
        for (Entry e : entries) {
            Matcher m = e.pattern.matcher(ua);
            if (m.find()) {
                return Optional.of(new DeviceGuess(e.vendor, group(m, "model"), group(m, "firmware")));
            }
        }
        return Optional.empty();
    }

    private static String group(Matcher m, String name) {
        try {
            String v = m.group(name);
            return v == null ? "" : v.strip();
        } catch (IllegalArgumentException noSuchGroup) {
            return "";
        }
    }
}
