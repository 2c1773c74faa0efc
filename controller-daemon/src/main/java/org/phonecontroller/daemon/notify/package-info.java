/**
 * Notifications: the {@code notify:} receivers (command, webhook, email, SNMP trap, syslog) fed from the event log.
 * The API is {@link org.phonecontroller.daemon.notify.Notifier} (subscribe it to the event log, reconfigure it on a
 * reload, close it at stop), {@link org.phonecontroller.daemon.notify.ControllerSnapshot} (what DAEMON_STARTED
 * carries) and {@link org.phonecontroller.daemon.notify.RetryPolicy}; the transports are package-private.
 * docs/notifications.md describes the behaviour admins rely on.
 */
package org.phonecontroller.daemon.notify;
