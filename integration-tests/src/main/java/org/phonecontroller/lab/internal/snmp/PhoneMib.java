package org.phonecontroller.lab.internal.snmp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.phonecontroller.lab.ChangeOutcome;
import org.phonecontroller.lab.Vendor;
import org.phonecontroller.lab.internal.SimulatedPhone;
import org.phonecontroller.protocols.ServerAddress;
import org.snmp4j.PDU;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * The MIB view of one phone, computed from its state on each request: MIB-II system group, the read-only
 * SIP-UA-MIB server table, and for Cisco-style phones the writable CISCO-SIP-UA-MIB registrar scalars.
 * Implements GET, GETNEXT, GETBULK and SET semantics of RFC 3416 (noSuchObject/noSuchInstance, endOfMibView,
 * notWritable, wrongType, wrongLength, wrongValue, noCreation).
 */
final class PhoneMib {
    private static final int MAX_ADMIN_STRING = 255;

    private PhoneMib() {
    }

    static NavigableMap<OID, Variable> view(SimulatedPhone phone) {
        NavigableMap<OID, Variable> v = new TreeMap<>();
        boolean cisco = phone.vendor() == Vendor.SNMP_CISCO_SIP_UA;
        String descr = cisco ? "Cisco ATA 191 Analog Telephone Adapter, SIP " + phone.vendor().userAgent()
                : "SIP user agent " + phone.vendor().userAgent() + " (RFC 4780 SIP-UA-MIB)";
        v.put(LabOids.SYS_DESCR, new OctetString(descr));
        v.put(LabOids.SYS_OBJECT_ID, cisco ? LabOids.CISCO_PHONE_OBJECT_ID : LabOids.GENERIC_PHONE_OBJECT_ID);
        v.put(LabOids.SYS_UP_TIME, new TimeTicks(phone.uptimeTicks()));
        v.put(LabOids.SYS_CONTACT, new OctetString("phone-lab"));
        v.put(LabOids.SYS_NAME, new OctetString((cisco ? "ATA" : "ua-") + phone.mac().replace(":", "")));
        v.put(LabOids.SYS_LOCATION, new OctetString("loopback " + phone.addressText()));
        v.put(LabOids.SYS_SERVICES, new Integer32(72));
        v.put(LabOids.SNMP_ENGINE_ID, new OctetString(PhoneSnmpAgent.engineId(phone)));
        v.put(LabOids.SNMP_ENGINE_BOOTS, new Integer32(1));
        v.put(LabOids.SNMP_ENGINE_TIME, new Integer32((int) (phone.uptimeTicks() / 100)));
        List<ServerAddress> servers = phone.configuredServers();
        for (int i = 0; i < servers.size(); i++) {
            ServerAddress s = servers.get(i);
            OID index = new OID(new int[] {1, i + 1}); // applIndex 1, sipUACfgServerIndex i+1
            boolean ipv4 = s.host().matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            v.put(column(2, index), new Integer32(ipv4 ? 1 : 16));
            v.put(column(3, index), ipv4 ? OctetString.fromString(s.host(), '.', 10)
                    : new OctetString(s.host()));
            v.put(column(4, index), OctetString.fromByteArray(new byte[] {0x08})); // BITS: registrarServer(4)
        }
        if (cisco) {
            v.put(LabOids.CISCO_PRIMARY_REGISTRAR, new OctetString(phone.ciscoRegistrarText(0)));
            v.put(LabOids.CISCO_PRIMARY_SCHEME, new Integer32(1));
            v.put(LabOids.CISCO_PRIMARY_EXPIRES, new Integer32(3600));
            v.put(LabOids.CISCO_PRIMARY_TRANSPORT, new Integer32(1));
            v.put(LabOids.CISCO_SECONDARY_REGISTRAR, new OctetString(phone.ciscoRegistrarText(1)));
            v.put(LabOids.CISCO_SECONDARY_SCHEME, new Integer32(1));
            v.put(LabOids.CISCO_SECONDARY_EXPIRES, new Integer32(3600));
            v.put(LabOids.CISCO_SECONDARY_TRANSPORT, new Integer32(1));
        }
        v.put(LabOids.LAB_ACTIVE_CALLS, new Gauge32(phone.busy() ? 1 : 0));
        return v;
    }

    private static OID column(int column, OID index) {
        OID oid = new OID(LabOids.SIP_UA_CFG_SERVER_ENTRY);
        oid.append(column);
        oid.append(index);
        return oid;
    }

    static void get(NavigableMap<OID, Variable> view, PDU request, PDU response) {
        for (VariableBinding vb : request.getVariableBindings()) {
            Variable value = view.get(vb.getOid());
            if (value == null) {
                OID oid = vb.getOid();
                OID parent = oid.size() > 1 ? new OID(oid.getValue(), 0, oid.size() - 1) : oid;
                OID after = view.ceilingKey(parent);
                value = after != null && after.startsWith(parent) ? Null.noSuchInstance : Null.noSuchObject;
            }
            response.add(new VariableBinding(vb.getOid(), value));
        }
    }

    static void getNext(NavigableMap<OID, Variable> view, PDU request, PDU response) {
        for (VariableBinding vb : request.getVariableBindings()) {
            response.add(next(view, vb.getOid()));
        }
    }

    static void getBulk(NavigableMap<OID, Variable> view, PDU request, PDU response) {
        List<? extends VariableBinding> vbs = request.getVariableBindings();
        int nonRepeaters = Math.max(0, Math.min(request.getNonRepeaters(), vbs.size()));
        int repetitions = Math.max(0, Math.min(request.getMaxRepetitions(), 50));
        for (int i = 0; i < nonRepeaters; i++) {
            response.add(next(view, vbs.get(i).getOid()));
        }
        List<OID> cursors = new ArrayList<>();
        for (int i = nonRepeaters; i < vbs.size(); i++) {
            cursors.add(vbs.get(i).getOid());
        }
        for (int r = 0; r < repetitions && !cursors.isEmpty(); r++) {
            boolean allEnded = true;
            for (int i = 0; i < cursors.size(); i++) {
                VariableBinding n = next(view, cursors.get(i));
                response.add(n);
                cursors.set(i, n.getOid());
                allEnded &= n.getVariable() == Null.endOfMibView;
            }
            if (allEnded) {
                break;
            }
        }
    }

    private static VariableBinding next(NavigableMap<OID, Variable> view, OID oid) {
        var e = view.higherEntry(oid);
        return e == null ? new VariableBinding(oid, Null.endOfMibView) : new VariableBinding(e.getKey(), e.getValue());
    }

    /**
     * Validates and applies a SET atomically; sets error status and index on {@code response} when it fails.
     */
    static void set(SimulatedPhone phone, NavigableMap<OID, Variable> view, PDU request, PDU response) {
        List<? extends VariableBinding> vbs = request.getVariableBindings();
        response.addAll(vbs);
        boolean cisco = phone.vendor() == Vendor.SNMP_CISCO_SIP_UA;
        String primary = null;
        String secondary = null;
        for (int i = 0; i < vbs.size(); i++) {
            VariableBinding vb = vbs.get(i);
            OID oid = vb.getOid();
            boolean writable = cisco && (oid.equals(LabOids.CISCO_PRIMARY_REGISTRAR)
                    || oid.equals(LabOids.CISCO_SECONDARY_REGISTRAR));
            if (!writable) {
                fail(response, view.containsKey(oid) ? PDU.notWritable : PDU.noCreation, i);
                return;
            }
            if (!(vb.getVariable() instanceof OctetString text)) {
                fail(response, PDU.wrongType, i);
                return;
            }
            if (text.length() > MAX_ADMIN_STRING) {
                fail(response, PDU.wrongLength, i);
                return;
            }
            String value = new String(text.getValue(), StandardCharsets.UTF_8).trim();
            if (oid.equals(LabOids.CISCO_PRIMARY_REGISTRAR)) {
                if (parseRegistrar(value) == null) {
                    fail(response, PDU.wrongValue, i);
                    return;
                }
                primary = value;
            } else {
                if (!value.isEmpty() && parseRegistrar(value) == null) {
                    fail(response, PDU.wrongValue, i);
                    return;
                }
                secondary = value;
            }
        }
        String newPrimary = primary != null ? primary : phone.ciscoRegistrarText(0);
        String newSecondary = secondary != null ? secondary : phone.ciscoRegistrarText(1);
        List<ServerAddress> servers = new ArrayList<>();
        servers.add(parseRegistrar(newPrimary));
        if (!newSecondary.isEmpty()) {
            servers.add(parseRegistrar(newSecondary));
        }
        ChangeOutcome outcome = phone.changeServers(servers, List.of(newPrimary, newSecondary));
        if (outcome instanceof ChangeOutcome.RefusedBusy) {
            fail(response, PDU.resourceUnavailable, 0);
        } else if (outcome instanceof ChangeOutcome.Invalid) {
            fail(response, PDU.wrongValue, 0);
        }
    }

    /**
     * Parses a registrar as IOS writes it: {@code ipv4:10.1.1.1[:5060]}, {@code dns:host[:port]} or a bare
     * {@code host[:port]}; null when it is none of these.
     */
    static ServerAddress parseRegistrar(String value) {
        String v = value.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ipv4:") || lower.startsWith("dns:")) {
            v = v.substring(v.indexOf(':') + 1);
        }
        if (v.isEmpty() || v.contains(" ")) {
            return null;
        }
        try {
            return ServerAddress.parse(v);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void fail(PDU response, int status, int index) {
        response.setErrorStatus(status);
        response.setErrorIndex(index + 1);
    }
}
