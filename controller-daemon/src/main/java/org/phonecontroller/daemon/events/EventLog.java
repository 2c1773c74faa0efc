package org.phonecontroller.daemon.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every event three ways: a JSON line in {@code events.jsonl} (ts, kind, range, phone, phoneManager, detail;
 * fields that do not apply are null), a row in the events table (when a store is given), and a line in the human log
 * (logger {@code org.phonecontroller.events}). A failure to write one of them is logged and never stops the caller.
 */
public final class EventLog implements Events, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventLog.class);
    private static final Logger human = LoggerFactory.getLogger("org.phonecontroller.events");

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final EventStore store;
    private final Path file;
    private final BufferedWriter writer;
    private volatile Consumer<Event> listener = event -> { };
    private final java.util.List<Consumer<Event>> subscribers = new java.util.concurrent.CopyOnWriteArrayList<>();
    /**
     * One event at a time through the file and the subscribers (a lock, not a monitor: events are written from
     * virtual threads, and this is I/O).
     */
    private final ReentrantLock writing = new ReentrantLock();

    /**
     * @param file  the JSON-lines file, appended to (its folder is created)
     * @param store the events table, or null to write the file only
     */
    public EventLog(Path file, EventStore store) {
        this.file = file;
        this.store = store;
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Called after every event is written (e.g. to look at the inventory again soon); must be quick. */
    public void afterEach(Consumer<Event> listener) {
        this.listener = listener;
    }

    /**
     * Adds a subscriber called right after each event is written to the file, in the file's order (e.g. the
     * notifiers), besides {@link #afterEach}'s listener; must be quick (it holds the log's lock) and must not
     * block. Returns what removes it again.
     */
    public Runnable subscribe(Consumer<Event> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public Path file() {
        return file;
    }

    @Override
    public void emit(Event event) {
        human.info("{} {}{}{}{}", event.kind(), part("range", event.range()), part("phone", event.phone()),
                part("pm", event.phoneManager()), event.detail());
        writing.lock();
        try {
            // the subscribers (the notifiers) see the events in the order of the file, whatever thread emits them
            writeLine(event);
            for (Consumer<Event> subscriber : subscribers) {
                try {
                    subscriber.accept(event);
                } catch (RuntimeException e) {
                    log.error("A subscriber of the event log failed on {}", event.kind(), e);
                }
            }
        } finally {
            writing.unlock();
        }
        if (store != null) {
            try {
                store.append(event);
            } catch (RuntimeException e) {
                log.error("Cannot store event {} in the database (it is in {})", event.kind(), file, e);
            }
        }
        listener.accept(event);
    }

    private static String part(String name, String value) {
        return value.isEmpty() ? "" : name + "=" + value + " ";
    }

    /** The fields of an event as written to events.jsonl (ts, kind, range, phone, phoneManager, detail). */
    public static Map<String, Object> fields(Event event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", event.ts().toString());
        line.put("kind", event.kind().name());
        line.put("range", blankToNull(event.range()));
        line.put("phone", blankToNull(event.phone()));
        line.put("phoneManager", blankToNull(event.phoneManager()));
        line.put("detail", blankToNull(event.detail()));
        return line;
    }

    /** Called with {@link #writing} held. */
    private void writeLine(Event event) {
        Map<String, Object> line = fields(event);
        try {
            writer.write(json.writeValueAsString(line));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            log.error("Cannot append event {} to {}", event.kind(), file, e);
        }
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    /** Reads one line of the file back (for tests and tools). */
    public static Event parseLine(String line) {
        try {
            var node = new ObjectMapper().readTree(line);
            return new Event(Instant.parse(node.get("ts").asText()), EventKind.valueOf(node.get("kind").asText()),
                    text(node, "range"), text(node, "phone"), text(node, "phoneManager"), text(node, "detail"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an event line: " + line, e);
        }
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    @Override
    public void close() {
        writing.lock();
        try {
            writer.close();
        } catch (IOException e) {
            log.error("Cannot close the event log {}", file, e);
        } finally {
            writing.unlock();
        }
    }
}
