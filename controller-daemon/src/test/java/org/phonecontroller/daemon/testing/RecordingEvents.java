package org.phonecontroller.daemon.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.events.Events;

/** Keeps every event in memory for assertions. */
public final class RecordingEvents implements Events {

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void emit(Event event) {
        events.add(event);
    }

    public List<Event> all() {
        return List.copyOf(events);
    }

    public List<EventKind> kinds() {
        return events.stream().map(Event::kind).toList();
    }

    public List<Event> ofKind(EventKind kind) {
        return events.stream().filter(e -> e.kind() == kind).toList();
    }
}
