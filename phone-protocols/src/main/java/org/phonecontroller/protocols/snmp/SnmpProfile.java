package org.phonecontroller.protocols.snmp;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A kind of phone as SNMP sees it: how to recognise it and which objects hold its SIP servers. Profiles are data
 * (YAML files, see {@code docs/snmp-profiles.md}); {@link SnmpProfiles} loads the built-in ones and a directory.
 *
 * <p>A profile names its servers either as scalar objects, one {@link ServerSlot} per server slot, or as a
 * {@link ServerTable} column read with one GETBULK (for tables such as SIP-UA-MIB's {@code sipUACfgServerTable}).
 *
 * @param name        the name used in configuration as {@code snmp:<name>}
 * @param description one line for humans
 * @param match       which devices the profile claims; empty rules claim every device whose server objects exist
 * @param writable    false: the profile identifies and verifies phones but never writes to them
 * @param servers     server slots, slot 1 first (empty when {@code serverTable} is used)
 * @param serverTable a table column holding the servers, when the phone publishes them as a table
 * @param apply       an object set in the same SET PDU to make the phone apply the change (e.g. a restart)
 * @param callState   where the phone tells whether it is in a call
 * @param source      where the profile came from ({@code built-in:cisco-sip-ua.yaml} or a file path), for messages
 */
public record SnmpProfile(String name, String description, Match match, boolean writable, List<ServerSlot> servers,
                          Optional<ServerTable> serverTable, Optional<Apply> apply, Optional<CallStateRule> callState,
                          String source) {

    /** Profile names: lower-case letters, digits and dashes, as they appear after {@code snmp:}. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public SnmpProfile {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("profile name '" + name
                    + "' must be lower-case letters, digits and dashes");
        }
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(match, "match");
        servers = List.copyOf(servers);
        Objects.requireNonNull(serverTable, "serverTable");
        Objects.requireNonNull(apply, "apply");
        Objects.requireNonNull(callState, "callState");
        Objects.requireNonNull(source, "source");
        if (servers.isEmpty() == serverTable.isEmpty()) {
            throw new IllegalArgumentException("profile '" + name + "' needs either 'servers' or 'serverTable'");
        }
        if (serverTable.isPresent() && writable) {
            throw new IllegalArgumentException("profile '" + name
                    + "': a 'serverTable' profile can only be read; set 'writable: false'");
        }
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i).slot() != i + 1) {
                throw new IllegalArgumentException("profile '" + name + "': server slots must be numbered 1, 2, ... "
                        + "in order; found slot " + servers.get(i).slot() + " at position " + (i + 1));
            }
        }
    }

    /** How many servers the phone holds; 0 for a table profile (it holds as many as the table has rows). */
    public int slotCount() {
        return servers.size();
    }

    /**
     * Which devices a profile claims. All given rules must hold.
     *
     * @param sysObjectIdPrefix the device's {@code sysObjectID} starts with this OID (dotted, whole arcs)
     * @param sysDescrPattern   a regular expression found somewhere in {@code sysDescr}
     */
    public record Match(Optional<String> sysObjectIdPrefix, Optional<Pattern> sysDescrPattern) {
        public Match {
            Objects.requireNonNull(sysObjectIdPrefix, "sysObjectIdPrefix");
            Objects.requireNonNull(sysDescrPattern, "sysDescrPattern");
            sysObjectIdPrefix.ifPresent(Oids::requireValid);
        }

        public static Match any() {
            return new Match(Optional.empty(), Optional.empty());
        }

        public boolean matches(String sysObjectId, String sysDescr) {
            boolean oidOk = sysObjectIdPrefix.map(p -> sysObjectId.equals(p) || sysObjectId.startsWith(p + "."))
                    .orElse(true);
            boolean descrOk = sysDescrPattern.map(p -> p.matcher(sysDescr).find()).orElse(true);
            return oidOk && descrOk;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Match m && m.sysObjectIdPrefix.equals(sysObjectIdPrefix)
                    && m.sysDescrPattern.map(Pattern::pattern).equals(sysDescrPattern.map(Pattern::pattern));
        }

        @Override
        public int hashCode() {
            return Objects.hash(sysObjectIdPrefix, sysDescrPattern.map(Pattern::pattern));
        }
    }

    /**
     * One server slot held in scalar objects.
     *
     * @param slot    1 for the primary slot, 2 for the next ...
     * @param address the object holding the address, with its type and text format
     * @param port    a separate object holding the port (type INTEGER), when the phone keeps it apart
     */
    public record ServerSlot(int slot, AddressObject address, Optional<String> port) {
        public ServerSlot {
            if (slot < 1) {
                throw new IllegalArgumentException("server slot " + slot + " must be 1 or more");
            }
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(port, "port");
            port.ifPresent(Oids::requireValid);
            if (address.type() == ValueType.IP_ADDRESS && !address.format().equals("HOST")) {
                throw new IllegalArgumentException("an IpAddress object holds only the host: use format HOST");
            }
            if (port.isPresent() && address.format().contains("PORT")) {
                throw new IllegalArgumentException("slot " + slot
                        + " has a port object, so its address format must not contain PORT");
            }
        }
    }

    /**
     * The object that holds a server address.
     *
     * @param oid    the instance OID (with {@code .0} for a scalar)
     * @param type   its SNMP type
     * @param format how the text is written; the words {@code HOST}, {@code PORT} and {@code ADDRTYPE}
     *               ({@code ipv4}, {@code ipv6} or {@code dns}, following the host) are replaced; e.g.
     *               {@code HOST}, {@code HOST:PORT}, {@code ADDRTYPE:HOST:PORT}
     */
    public record AddressObject(String oid, ValueType type, String format) {
        public AddressObject {
            Oids.requireValid(oid);
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(format, "format");
            if (!format.contains("HOST")) {
                throw new IllegalArgumentException("address format '" + format + "' does not contain HOST");
            }
            if (type == ValueType.INTEGER) {
                throw new IllegalArgumentException("an address cannot be an Integer object");
            }
        }
    }

    /**
     * A table column of server addresses (read-only), read with one bounded GETBULK.
     *
     * @param addressColumn     the column OID, e.g. {@code 1.3.6.1.2.1.150.1.1.1.1.3} (sipUACfgServerAddress); rows in index order
     * @param addressTypeColumn an InetAddressType column telling how to decode binary addresses
     * @param maxRows           at most this many rows are read (1..64)
     */
    public record ServerTable(String addressColumn, Optional<String> addressTypeColumn, int maxRows) {
        public ServerTable {
            Oids.requireValid(addressColumn);
            Objects.requireNonNull(addressTypeColumn, "addressTypeColumn");
            addressTypeColumn.ifPresent(Oids::requireValid);
            if (maxRows < 1 || maxRows > 64) {
                throw new IllegalArgumentException("serverTable maxRows " + maxRows + " is outside 1..64");
            }
        }
    }

    /** An object set in the same SET PDU as the servers, e.g. a "restart now" trigger. */
    public record Apply(String oid, ValueType type, String value) {
        public Apply {
            Oids.requireValid(oid);
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
            type.requireValid(value);
        }
    }

    /**
     * Where the phone tells its call state.
     *
     * @param oid        the instance OID
     * @param busyValues the values (as text: a number for INTEGER objects) that mean "in a call"
     */
    public record CallStateRule(String oid, Set<String> busyValues) {
        public CallStateRule {
            Oids.requireValid(oid);
            busyValues = Set.copyOf(busyValues);
            if (busyValues.isEmpty()) {
                throw new IllegalArgumentException("callState needs at least one busy value");
            }
        }
    }

    /** SNMP value types a profile may name. */
    public enum ValueType {
        /** OCTET STRING (also SnmpAdminString, DisplayString): text. */
        OCTET_STRING,
        /** IpAddress: an IPv4 address. */
        IP_ADDRESS,
        /** INTEGER / Integer32. */
        INTEGER;

        /** Parses the names used in profiles: OctetString, SnmpAdminString, DisplayString, IpAddress, Integer. */
        public static ValueType parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "octetstring", "octet string", "snmpadminstring", "displaystring", "string" -> OCTET_STRING;
                case "ipaddress" -> IP_ADDRESS;
                case "integer", "integer32" -> INTEGER;
                default -> throw new IllegalArgumentException("unknown value type '" + text
                        + "' (expected OctetString, SnmpAdminString, DisplayString, IpAddress or Integer)");
            };
        }

        void requireValid(String value) {
            if (this == INTEGER) {
                try {
                    Integer.parseInt(value.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + value + "' is not an Integer value", e);
                }
            }
            if (this == IP_ADDRESS && !value.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                throw new IllegalArgumentException("'" + value + "' is not an IpAddress value");
            }
        }
    }
}
