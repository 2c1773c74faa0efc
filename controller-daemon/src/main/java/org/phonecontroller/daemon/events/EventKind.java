package org.phonecontroller.daemon.events;

/** What happened; the {@code kind} field of logs/events.jsonl (docs/events.md lists when each is written). */
public enum EventKind {
    DAEMON_STARTED,
    DAEMON_STOPPED,
    PHONE_MANAGER_SUSPECT,
    PHONE_MANAGER_DOWN,
    PHONE_MANAGER_RECOVERING,
    PHONE_MANAGER_UP,
    CONTROLLER_ISOLATED,
    CONTROLLER_CONNECTED,
    FAILOVER_STARTED,
    FAILOVER_BLOCKED,
    FAILOVER_COMPLETED,
    FAILBACK_STARTED,
    FAILBACK_COMPLETED,
    PHONE_REPROGRAMMED,
    PHONE_DEFERRED_BUSY,
    PHONE_FAILED,
    SCAN_STARTED,
    SCAN_COMPLETED,
    PHONE_DISCOVERED,
    PHONE_GONE,
    CONFIG_APPLIED,
    CONFIG_REJECTED
}
