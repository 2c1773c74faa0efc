#!/usr/bin/env bash
# A tiny writable SNMP object store for net-snmp's pass_persist, used by the tests.
# Usage (snmpd.conf): pass_persist BASE_OID /path/pass-persist-store.sh STATE_DIR BASE_OID
# STATE_DIR holds one file per object, named by its OID: line 1 the type (string, integer, ipaddress, octet),
# line 2 the value. A file OID.ro next to it makes the object read-only (SET answers not-writable); a file
# OID.sticky makes SET answer DONE but keep the old value (a phone that ignores the change).
set -u
state="$1"
base="${2#.}"

lookup() {   # prints "OID\nTYPE\nVALUE" for an existing object
    local oid="$1"
    if [[ -f "$state/$oid" ]]; then
        { echo ".$oid"; sed -n '1p' "$state/$oid"; sed -n '2p' "$state/$oid"; }
        return 0
    fi
    return 1
}

next_of() {  # the smallest stored OID greater than $1 inside this pass_persist subtree
    local given="$1" next
    next="$( { ls "$state" | grep -v -e '\.ro$' -e '\.sticky$' -e '\.tmp$' | awk -v b="$base." 'index($0, b) == 1'; echo "$given"; } \
        | sort -V -u | awk -v g="$given" 'found { print; exit } $0 == g { found = 1 }')"
    [[ -n "$next" ]] && echo "$next"
}

while read -r command; do
    case "$command" in
        PING) echo PONG ;;
        get)
            read -r oid; oid="${oid#.}"
            lookup "$oid" || echo NONE ;;
        getnext)
            read -r oid; oid="${oid#.}"
            if n="$(next_of "$oid")"; then lookup "$n"; else echo NONE; fi ;;
        set)
            read -r oid; oid="${oid#.}"
            read -r type value
            if [[ ! -f "$state/$oid" || -f "$state/$oid.ro" ]]; then
                echo not-writable
            elif [[ "$type" != "$(sed -n '1p' "$state/$oid")" ]]; then
                echo wrong-type
            elif [[ -f "$state/$oid.sticky" ]]; then
                echo DONE
            else
                value="${value#\"}"; value="${value%\"}"
                printf '%s\n%s\n' "$type" "$value" > "$state/$oid.tmp" && mv "$state/$oid.tmp" "$state/$oid"
                echo DONE
            fi ;;
        "") ;;  # snmpd sends an empty line after a SET value
        *) echo NONE ;;
    esac
done
