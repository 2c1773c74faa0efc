package org.phonecontroller.daemon.events;

/** Where components report what happened. Implementations never throw: an event that cannot be stored is logged. */
@FunctionalInterface
public interface Events {

    void emit(Event event);
}
