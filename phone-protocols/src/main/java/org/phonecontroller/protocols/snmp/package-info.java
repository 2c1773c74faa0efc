/**
 * The SNMP phone adapter: {@link org.phonecontroller.protocols.snmp.SnmpPhoneProtocol} ({@code snmp:<profile>} in
 * configuration) over one shared {@link org.phonecontroller.protocols.snmp.SnmpSession} (SNMP4J, one UDP socket,
 * v2c and v3 USM), driven by {@link org.phonecontroller.protocols.snmp.SnmpProfile}s that are data: YAML files
 * loaded by {@link org.phonecontroller.protocols.snmp.SnmpProfiles} (format: {@code docs/snmp-profiles.md}).
 * Credentials are {@link org.phonecontroller.protocols.snmp.SnmpCredentials};
 * {@link org.phonecontroller.protocols.snmp.SnmpSecurity} turns them into SNMP4J's USM user, target and PDU for every
 * SNMP sender of the controller (the session, the daemon's trap notifications).
 */
package org.phonecontroller.protocols.snmp;
