package org.phonecontroller.config.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML into a {@link YamlNode} tree that remembers where every key and value is. Syntax errors,
 * duplicate keys, several documents and absurd sizes become problems, never exceptions.
 */
public final class YamlTreeReader {
    /** Configuration files are small; anything larger is the wrong file. */
    public static final int MAX_BYTES = 1 << 20;
    private static final int MAX_DEPTH = 32;

    private static final YAMLFactory FACTORY = YAMLFactory.builder().loaderOptions(loaderOptions()).build();

    private final Problems problems;

    private YamlTreeReader(Problems problems) {
        this.problems = problems;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowDuplicateKeys(true); // reported by us, with both locations
        return options;
    }

    /** The document in {@code bytes}, or empty when it cannot be read as one YAML document (then problems say why). */
    public static Optional<YamlNode> read(byte[] bytes, Problems problems) {
        if (bytes.length > MAX_BYTES) {
            problems.addForFile("is " + bytes.length + " bytes long; a configuration file is at most "
                    + MAX_BYTES + " bytes (is this the right file?)");
            return Optional.empty();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.addForFile("is not UTF-8 text; save it as UTF-8");
            return Optional.empty();
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return new YamlTreeReader(problems).readDocument(text);
    }

    private Optional<YamlNode> readDocument(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(1, 1, "the file is empty");
                return Optional.empty();
            }
            YamlNode root = node(parser, first, 0);
            if (root == null) {
                return Optional.empty();
            }
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                problems.add(at.getLineNr(), at.getColumnNr(),
                        "a second YAML document starts here; the file must hold exactly one");
                return Optional.empty();
            }
            return Optional.of(root); // duplicate keys are reported, and the first value is checked as well
        } catch (JacksonException e) {
            syntaxError(e);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // The YAML library may fail in ways its API does not declare (e.g. on unusual Unicode); whatever
            // it is, it is a problem of this file, to be reported with the others, not a crash.
            problems.add(1, 1, "cannot read YAML: " + clean(String.valueOf(e.getMessage())));
            return Optional.empty();
        }
    }

    private YamlNode node(JsonParser parser, JsonToken token, int depth) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        if (depth > MAX_DEPTH) {
            problems.add(line, column, "nested more than " + MAX_DEPTH + " levels deep");
            return null;
        }
        switch (token) {
            case START_OBJECT -> {
                List<YamlNode.Field> fields = new ArrayList<>();
                Map<String, YamlNode.Field> seen = new HashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    JsonLocation keyAt = parser.currentTokenLocation();
                    String key = parser.currentName();
                    YamlNode value = node(parser, parser.nextToken(), depth + 1);
                    if (value == null) {
                        return null;
                    }
                    YamlNode.Field field = new YamlNode.Field(key, keyAt.getLineNr(), keyAt.getColumnNr(), value);
                    YamlNode.Field earlier = seen.putIfAbsent(key, field);
                    if (earlier != null) {
                        problems.add(field, "duplicate key '" + key + "' (first at line " + earlier.line()
                                + "); YAML would silently keep only one of them");
                    } else {
                        fields.add(field);
                    }
                }
                return new YamlNode.Mapping(fields, line, column);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    YamlNode item = node(parser, t, depth + 1);
                    if (item == null) {
                        return null;
                    }
                    items.add(item);
                }
                return new YamlNode.Sequence(items, line, column);
            }
            case VALUE_NULL -> {
                return new YamlNode.Null(line, column);
            }
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_EMBEDDED_OBJECT -> {
                String text = parser.getText();
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    // Expanding aliases would let a small file stand for a huge one; a configuration has no need.
                    problems.add(line, column, "YAML aliases ('*" + Problems.shorten(String.valueOf(text))
                            + "') are not supported; write the value out");
                    return new YamlNode.Reported(line, column);
                }
                // 'key:' with nothing after it arrives as an empty string: it means "no value".
                return text == null || text.isEmpty() ? new YamlNode.Null(line, column)
                        : new YamlNode.Scalar(text, line, column);
            }
            default -> throw new IllegalStateException("unexpected YAML token " + token);
        }
    }

    private void syntaxError(JacksonException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                if (marked.getContextMark() != null && String.valueOf(marked.getContext()).contains("quoted scalar")
                        && String.valueOf(marked.getProblem()).contains("end of stream")) {
                    problems.add(marked.getContextMark().getLine() + 1, marked.getContextMark().getColumn() + 1,
                            "YAML syntax error: the quote opened here is never closed");
                    return;
                }
                problems.add(marked.getProblemMark().getLine() + 1, marked.getProblemMark().getColumn() + 1,
                        describe(marked));
                return;
            }
        }
        JsonLocation at = e.getLocation();
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        problems.add(at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(),
                "YAML syntax error: " + clean(message));
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        if (problem.contains("\t") || problem.contains("\\t(TAB)")) {
            return "YAML syntax error: a tab character; YAML indents with spaces only";
        }
        String context = e.getContext() == null ? "" : e.getContext() + ": ";
        String hint = "";
        if (problem.contains("mapping values are not allowed")) {
            hint = " (a ':' inside a value needs quotes, or the indentation is off)";
        } else if (problem.startsWith("expected <block end>")) {
            return "YAML syntax error: this line is indented differently from the lines before it at the same level";
        } else if (problem.contains("did not find expected key")
                || problem.contains("could not find expected ':'")) {
            hint = " (check the indentation of this line and the one above)";
        }
        return "YAML syntax error: " + clean(context + problem) + hint;
    }

    /** One line, no control characters, bounded length: safe to print. */
    static String clean(String message) {
        String firstLine = message.strip().lines().findFirst().orElse("");
        StringBuilder out = new StringBuilder();
        firstLine.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
