package org.phonecontroller.protocols.provisioning;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code key = value} file (Yealink {@code .cfg}: {@code #!version:1.0.0.1} first, {@code #} comments). Every line
 * is kept as written; setting a key rewrites only its value, a missing key is appended.
 */
final class KeyValueDocument implements ConfigDocument {

    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]]+");

    /** A line: {@code prefix} is everything up to the value ({@code "key = "}), empty for comments and blanks. */
    private static final class Line {
        final String key;
        final String prefix;
        String value;

        Line(String key, String prefix, String value) {
            this.key = key;
            this.prefix = prefix;
            this.value = value;
        }
    }

    private final List<Line> lines;
    private final Map<String, Line> byKey;
    private final String newline;

    private KeyValueDocument(List<Line> lines, Map<String, Line> byKey, String newline) {
        this.lines = lines;
        this.byKey = byKey;
        this.newline = newline;
    }

    static KeyValueDocument parse(byte[] content) throws UnparsableFileException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new UnparsableFileException("not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<Line> lines = new ArrayList<>();
        Map<String, Line> byKey = new HashMap<>();
        String[] raw = text.split("\r?\n", -1);
        int count = raw.length > 0 && raw[raw.length - 1].isEmpty() ? raw.length - 1 : raw.length;
        for (int i = 0; i < count; i++) {
            String line = raw[i];
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (ch < 0x20 && ch != '\t') {
                    throw new UnparsableFileException("line " + (i + 1) + ": control character U+"
                            + String.format("%04X", (int) ch));
                }
            }
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
                lines.add(new Line(null, line, ""));
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new UnparsableFileException("line " + (i + 1) + ": neither 'key = value' nor a comment");
            }
            String key = line.substring(0, eq).strip();
            if (!KEY.matcher(key).matches()) {
                throw new UnparsableFileException("line " + (i + 1) + ": the key is not one (letters, digits, . _ -)");
            }
            int valueStart = eq + 1;
            while (valueStart < line.length() && (line.charAt(valueStart) == ' ' || line.charAt(valueStart) == '\t')) {
                valueStart++;
            }
            Line l = new Line(key, line.substring(0, valueStart), line.substring(valueStart).strip());
            lines.add(l);
            byKey.put(key, l); // the last one wins, as on the phones
        }
        return new KeyValueDocument(lines, byKey, newline);
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(byKey.get(key)).map(l -> l.value);
    }

    @Override
    public void set(String key, String value) {
        if (!KEY.matcher(key).matches() || value.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("cannot write key '" + key + "'");
        }
        Line existing = byKey.get(key);
        if (existing != null) {
            existing.value = value;
            return;
        }
        Line added = new Line(key, key + " = ", value);
        lines.add(added);
        byKey.put(key, added);
    }

    @Override
    public byte[] bytes() {
        StringBuilder b = new StringBuilder();
        for (Line l : lines) {
            b.append(l.prefix).append(l.key == null ? "" : l.value).append(newline);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
