#!/bin/sh
# A sample `notify: - { command: ... }` receiver for PhoneController (docs/notifications.md).
#
# PhoneController runs it once per event, one at a time and in order, and kills it after the receiver's `timeout`
# (default 10s). The event is on stdin as one JSON object (ts, kind, range, phone, phoneManager, detail; DAEMON_STARTED
# adds "state"), and in these variables:
#   PHONECONTROLLER_KIND  PHONECONTROLLER_TS  PHONECONTROLLER_RANGE  PHONECONTROLLER_PHONE
#   PHONECONTROLLER_PHONE_MANAGER  PHONECONTROLLER_DETAIL
# Exit 0 when done; any other status is logged by the daemon (with the last lines this script printed).
#
# This sample appends a line per event to a file and, for the kinds that need a person, logs to the system journal.
# Copy it, make it executable (chmod 755), and point `command:` at the copy.
set -eu

log_file="${PHONECONTROLLER_NOTIFY_LOG:-/var/log/phonecontroller/notify.log}"
json=$(cat)   # the whole event; e.g. `printf '%s' "$json" | jq -r .detail`

mkdir -p "$(dirname "$log_file")"
printf '%s %s range=%s pm=%s %s\n' "$PHONECONTROLLER_TS" "$PHONECONTROLLER_KIND" "${PHONECONTROLLER_RANGE:--}" \
  "${PHONECONTROLLER_PHONE_MANAGER:--}" "$PHONECONTROLLER_DETAIL" >> "$log_file"

case "$PHONECONTROLLER_KIND" in
  PHONE_MANAGER_DOWN|FAILOVER_STARTED|FAILOVER_BLOCKED|CONTROLLER_ISOLATED)
    if command -v logger >/dev/null 2>&1; then
      logger -t phonecontroller -p daemon.crit -- "$PHONECONTROLLER_KIND ${PHONECONTROLLER_PHONE_MANAGER}${PHONECONTROLLER_RANGE}: $PHONECONTROLLER_DETAIL"
    fi
    ;;
esac
# keep the full JSON of the last event next to the log, e.g. for a monitoring check to read
printf '%s\n' "$json" > "$log_file.last.json"
