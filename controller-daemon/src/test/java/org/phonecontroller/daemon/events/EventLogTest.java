package org.phonecontroller.daemon.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.daemon.storage.Database;
import org.phonecontroller.daemon.testing.TestDatabases;

class EventLogTest {

    static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123Z");

    @TempDir
    Path folder;

    @Test
    void writesOneJsonObjectPerLineWithTheDesignedFieldsAndStoresTheEvent() throws Exception {
        Path file = folder.resolve("logs/events.jsonl");
        try (Database database = TestDatabases.h2(folder); var log = new EventLog(file,
                new EventStore(database.jdbc()))) {
            log.emit(Event.ofPhoneManager(T0, EventKind.PHONE_MANAGER_DOWN, "pm-a", "REFUSED: port unreachable"));
            log.emit(Event.ofPhone(T0, EventKind.PHONE_FAILED, "floor-1", "127.20.16.1", "pm-b", "TIMEOUT \"x\"\n"));

            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(2);
            var first = new ObjectMapper().readTree(lines.get(0));
            assertThat(first.fieldNames()).toIterable()
                    .containsExactly("ts", "kind", "range", "phone", "phoneManager", "detail");
            assertThat(first.get("ts").asText()).isEqualTo("2026-11-21T10:00:00.123Z");
            assertThat(first.get("kind").asText()).isEqualTo("PHONE_MANAGER_DOWN");
            assertThat(first.get("range").isNull()).isTrue();
            assertThat(EventLog.parseLine(lines.get(1))).isEqualTo(Event.ofPhone(T0, EventKind.PHONE_FAILED,
                    "floor-1", "127.20.16.1", "pm-b", "TIMEOUT \"x\"\n"));
            assertThat(new EventStore(database.jdbc()).since(T0, 10)).hasSize(2);
        }
    }

    @Test
    void appendsToAnExistingFile() throws Exception {
        Path file = folder.resolve("events.jsonl");
        try (var log = new EventLog(file, null)) {
            log.emit(Event.general(T0, EventKind.DAEMON_STARTED, "one"));
        }
        try (var log = new EventLog(file, null)) {
            log.emit(Event.general(T0, EventKind.DAEMON_STOPPED, "two"));
        }
        assertThat(Files.readAllLines(file)).extracting(l -> EventLog.parseLine(l).kind())
                .containsExactly(EventKind.DAEMON_STARTED, EventKind.DAEMON_STOPPED);
    }
}
