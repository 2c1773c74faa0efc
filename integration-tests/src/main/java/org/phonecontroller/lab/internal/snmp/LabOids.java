package org.phonecontroller.lab.internal.snmp;

import org.snmp4j.smi.OID;

/** The objects the lab's SNMP phones implement. */
public final class LabOids {
    public static final OID SYS_DESCR = new OID("1.3.6.1.2.1.1.1.0");
    public static final OID SYS_OBJECT_ID = new OID("1.3.6.1.2.1.1.2.0");
    public static final OID SYS_UP_TIME = new OID("1.3.6.1.2.1.1.3.0");
    public static final OID SYS_CONTACT = new OID("1.3.6.1.2.1.1.4.0");
    public static final OID SYS_NAME = new OID("1.3.6.1.2.1.1.5.0");
    public static final OID SYS_LOCATION = new OID("1.3.6.1.2.1.1.6.0");
    public static final OID SYS_SERVICES = new OID("1.3.6.1.2.1.1.7.0");
    /** SNMP-FRAMEWORK-MIB snmpEngineID.0, snmpEngineBoots.0, snmpEngineTime.0. */
    public static final OID SNMP_ENGINE_ID = new OID("1.3.6.1.6.3.10.2.1.1.0");
    public static final OID SNMP_ENGINE_BOOTS = new OID("1.3.6.1.6.3.10.2.1.2.0");
    public static final OID SNMP_ENGINE_TIME = new OID("1.3.6.1.6.3.10.2.1.3.0");
    /** SIP-UA-MIB sipUACfgServerEntry (RFC 4780), columns .2 address type, .3 address, .4 role. */
    public static final OID SIP_UA_CFG_SERVER_ENTRY = new OID("1.3.6.1.2.1.150.1.1.1.1");
    /** CISCO-SIP-UA-MIB cSipCfgPrimaryRegistrarServer.0 (SnmpAdminString, read-write). */
    public static final OID CISCO_PRIMARY_REGISTRAR = new OID("1.3.6.1.4.1.9.9.152.1.1.1.23.0");
    public static final OID CISCO_PRIMARY_SCHEME = new OID("1.3.6.1.4.1.9.9.152.1.1.1.24.0");
    public static final OID CISCO_PRIMARY_EXPIRES = new OID("1.3.6.1.4.1.9.9.152.1.1.1.25.0");
    public static final OID CISCO_PRIMARY_TRANSPORT = new OID("1.3.6.1.4.1.9.9.152.1.1.1.26.0");
    /** CISCO-SIP-UA-MIB cSipCfgSecondaryRegistrarServer.0 (SnmpAdminString, read-write). */
    public static final OID CISCO_SECONDARY_REGISTRAR = new OID("1.3.6.1.4.1.9.9.152.1.1.1.27.0");
    public static final OID CISCO_SECONDARY_SCHEME = new OID("1.3.6.1.4.1.9.9.152.1.1.1.28.0");
    public static final OID CISCO_SECONDARY_EXPIRES = new OID("1.3.6.1.4.1.9.9.152.1.1.1.29.0");
    public static final OID CISCO_SECONDARY_TRANSPORT = new OID("1.3.6.1.4.1.9.9.152.1.1.1.30.0");
    /**
     * The lab's call-state object: active calls (Gauge32, 0 idle, 1 in a call). Neither SIP-UA-MIB nor
     * CISCO-SIP-UA-MIB has one, so the lab uses the documentation enterprise 32473 (RFC 5612) to make clear it is
     * the lab's choice, not a vendor's OID.
     */
    public static final OID LAB_ACTIVE_CALLS = new OID("1.3.6.1.4.1.32473.1.1.0");
    /** sysObjectID of the Cisco-style phones (in Cisco's products subtree) and of the generic SIP-UA-MIB phones. */
    public static final OID CISCO_PHONE_OBJECT_ID = new OID("1.3.6.1.4.1.9.1.2397");
    public static final OID GENERIC_PHONE_OBJECT_ID = new OID("1.3.6.1.4.1.32473.2.1");

    private LabOids() {
    }
}
