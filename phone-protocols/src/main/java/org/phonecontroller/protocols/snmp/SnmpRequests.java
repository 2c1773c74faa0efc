package org.phonecontroller.protocols.snmp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import org.phonecontroller.protocols.CallState;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocolException;
import org.phonecontroller.protocols.PushResult;
import org.phonecontroller.protocols.ServerAddress;
import org.snmp4j.PDU;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/** The PDUs of one profile and how to read their replies. Replies that do not fit become typed failures. */
final class SnmpRequests {

    static final OID SYS_DESCR = new OID("1.3.6.1.2.1.1.1");
    static final OID SYS_OBJECT_ID = new OID("1.3.6.1.2.1.1.2");
    private static final OID SYS_DESCR_0 = new OID("1.3.6.1.2.1.1.1.0");
    private static final OID SYS_OBJECT_ID_0 = new OID("1.3.6.1.2.1.1.2.0");
    private static final Map<Integer, String> ENTERPRISES = Map.of(9, "Cisco", 8072, "Net-SNMP", 13885, "Polycom",
            1526, "Snom", 42397, "Grandstream", 37459, "Yealink");

    private final SnmpProfile profile;
    private final SnmpCredentials credentials;
    private final List<ServerAddressFormat> formats = new ArrayList<>();

    SnmpRequests(SnmpProfile profile, SnmpCredentials credentials) {
        this.profile = profile;
        this.credentials = credentials;
        profile.servers().forEach(s -> formats.add(new ServerAddressFormat(s.address().format())));
    }

    PDU identify() {
        if (profile.serverTable().isPresent()) {
            SnmpProfile.ServerTable table = profile.serverTable().get();
            PDU pdu = SnmpSecurity.pdu(credentials, PDU.GETBULK);
            pdu.add(new VariableBinding(SYS_DESCR));
            pdu.add(new VariableBinding(SYS_OBJECT_ID));
            table.addressTypeColumn().ifPresent(c -> pdu.add(new VariableBinding(new OID(c))));
            pdu.add(new VariableBinding(new OID(table.addressColumn())));
            pdu.setNonRepeaters(2);
            pdu.setMaxRepetitions(table.maxRows());
            return pdu;
        }
        PDU pdu = SnmpSecurity.pdu(credentials, PDU.GET);
        pdu.add(new VariableBinding(SYS_DESCR_0));
        pdu.add(new VariableBinding(SYS_OBJECT_ID_0));
        slotOids().forEach(o -> pdu.add(new VariableBinding(o)));
        return pdu;
    }

    Optional<PhoneIdentity> identity(InetAddress address, String protocol, PDU reply) {
        requireNoError(address, reply, "identify");
        Map<OID, Variable> values = values(reply);
        Variable descr = profile.serverTable().isPresent() ? firstUnder(reply, SYS_DESCR) : values.get(SYS_DESCR_0);
        Variable objectId = profile.serverTable().isPresent() ? firstUnder(reply, SYS_OBJECT_ID)
                : values.get(SYS_OBJECT_ID_0);
        if (SnmpValues.absent(descr) || SnmpValues.absent(objectId)) {
            return Optional.empty();
        }
        String sysDescr = SnmpValues.text(descr);
        String sysObjectId = objectId instanceof OID oid ? oid.toDottedString() : objectId.toString();
        if (!profile.match().matches(sysObjectId, sysDescr)) {
            return Optional.empty();
        }
        if (profile.serverTable().isPresent()) {
            if (tableRows(reply).isEmpty()) {
                return Optional.empty();
            }
        } else if (slotOids().stream().anyMatch(o -> SnmpValues.absent(values.get(o)))) {
            return Optional.empty();
        }
        return Optional.of(new PhoneIdentity(address, protocol, vendor(sysObjectId), firstLine(sysDescr), "", ""));
    }

    /** The servers in the reply to {@link #identify()}, slot order, empty slots left out. */
    List<ServerAddress> servers(InetAddress address, PDU reply) {
        requireNoError(address, reply, "read servers");
        try {
            if (profile.serverTable().isPresent()) {
                return tableRows(reply);
            }
            return slots(reply);
        } catch (IllegalArgumentException e) {
            throw new CompletionException(new PhoneProtocolException(FailureReason.MALFORMED_REPLY, "phone "
                    + address.getHostAddress() + " (" + profile.name() + "): " + e.getMessage(), e));
        }
    }

    PDU callState() {
        PDU pdu = SnmpSecurity.pdu(credentials, PDU.GET);
        pdu.add(new VariableBinding(new OID(profile.callState().orElseThrow().oid())));
        return pdu;
    }

    CallState callState(PDU reply) {
        SnmpProfile.CallStateRule rule = profile.callState().orElseThrow();
        Variable v = values(reply).get(new OID(rule.oid()));
        if (reply.getErrorStatus() != PDU.noError || SnmpValues.absent(v)) {
            return CallState.UNKNOWN;
        }
        return rule.busyValues().contains(SnmpValues.text(v).trim()) ? CallState.BUSY : CallState.IDLE;
    }

    /** The SET of the servers (slot i gets server i) plus the apply object. */
    PDU set(List<ServerAddress> servers) {
        PDU pdu = SnmpSecurity.pdu(credentials, PDU.SET);
        for (int i = 0; i < servers.size(); i++) {
            SnmpProfile.ServerSlot slot = profile.servers().get(i);
            ServerAddressFormat format = formats.get(i);
            ServerAddress server = servers.get(i);
            if (!format.carriesPort() && slot.port().isEmpty() && server.port() != ServerAddress.DEFAULT_SIP_PORT) {
                throw new IllegalArgumentException("slot " + slot.slot() + " holds no port, so port "
                        + server.port() + " cannot be set");
            }
            pdu.add(new VariableBinding(new OID(slot.address().oid()),
                    SnmpValues.toVariable(slot.address().type(), format.format(server))));
            slot.port().ifPresent(p -> pdu.add(new VariableBinding(new OID(p), new Integer32(server.port()))));
        }
        profile.apply().ifPresent(a -> pdu.add(new VariableBinding(new OID(a.oid()),
                SnmpValues.toVariable(a.type(), a.value()))));
        return pdu;
    }

    Optional<PushResult.Failed> setRefused(PDU reply, List<ServerAddress> pushed) {
        int status = reply.getErrorStatus();
        if (status == PDU.noError) {
            return Optional.empty();
        }
        int index = reply.getErrorIndex();
        String object = index >= 1 && index <= reply.size() ? " at " + reply.get(index - 1).getOid() : "";
        String detail = "SET of " + pushed + " refused: " + errorName(status) + object;
        FailureReason reason = switch (status) {
            case PDU.notWritable, PDU.readOnly, PDU.noAccess, PDU.noCreation -> FailureReason.NOT_WRITABLE;
            case PDU.authorizationError -> FailureReason.AUTH_FAILED;
            default -> FailureReason.ERROR_REPLY;
        };
        return Optional.of(new PushResult.Failed(reason, detail));
    }

    PDU readBack() {
        PDU pdu = SnmpSecurity.pdu(credentials, PDU.GET);
        slotOids().forEach(o -> pdu.add(new VariableBinding(o)));
        return pdu;
    }

    /** Servers held by the slot objects of the reply; IllegalArgumentException for a value that is not one. */
    List<ServerAddress> slots(PDU reply) {
        if (reply.getErrorStatus() != PDU.noError) {
            throw new IllegalArgumentException("the phone answered " + errorName(reply.getErrorStatus()));
        }
        Map<OID, Variable> values = values(reply);
        List<ServerAddress> servers = new ArrayList<>();
        for (int i = 0; i < profile.servers().size(); i++) {
            SnmpProfile.ServerSlot slot = profile.servers().get(i);
            Variable address = values.get(new OID(slot.address().oid()));
            if (SnmpValues.absent(address)) {
                continue;
            }
            Optional<ServerAddress> parsed = formats.get(i).parse(SnmpValues.text(address));
            if (parsed.isEmpty()) {
                continue;
            }
            ServerAddress server = parsed.get();
            if (slot.port().isPresent()) {
                Variable port = values.get(new OID(slot.port().get()));
                if (!SnmpValues.absent(port)) {
                    server = new ServerAddress(server.host(), port.toInt());
                }
            }
            servers.add(server);
        }
        return servers;
    }

    private List<ServerAddress> tableRows(PDU reply) {
        SnmpProfile.ServerTable table = profile.serverTable().orElseThrow();
        OID addressColumn = new OID(table.addressColumn());
        Optional<OID> typeColumn = table.addressTypeColumn().map(OID::new);
        Map<OID, Variable> addresses = new TreeMap<>();
        Map<OID, Integer> types = new HashMap<>();
        for (int i = 2; i < reply.size(); i++) {
            VariableBinding vb = reply.get(i);
            if (vb.getVariable().isException()) {
                continue;
            }
            if (vb.getOid().startsWith(addressColumn) && vb.getOid().size() > addressColumn.size()) {
                addresses.put(suffix(vb.getOid(), addressColumn), vb.getVariable());
            } else if (typeColumn.isPresent() && vb.getOid().startsWith(typeColumn.get())
                    && vb.getOid().size() > typeColumn.get().size()) {
                types.put(suffix(vb.getOid(), typeColumn.get()), vb.getVariable().toInt());
            }
        }
        List<ServerAddress> servers = new ArrayList<>();
        addresses.forEach((index, value) -> SnmpValues.inetAddress(types.getOrDefault(index, -1), value)
                .ifPresent(servers::add));
        return servers;
    }

    private List<OID> slotOids() {
        List<OID> oids = new ArrayList<>();
        for (SnmpProfile.ServerSlot s : profile.servers()) {
            oids.add(new OID(s.address().oid()));
            s.port().ifPresent(p -> oids.add(new OID(p)));
        }
        return oids;
    }

    private static OID suffix(OID oid, OID prefix) {
        return new OID(oid.getValue(), prefix.size(), oid.size() - prefix.size());
    }

    private static Variable firstUnder(PDU reply, OID prefix) {
        for (VariableBinding vb : reply.getVariableBindings()) {
            if (vb.getOid().startsWith(prefix)) {
                return vb.getVariable();
            }
        }
        return null;
    }

    private static Map<OID, Variable> values(PDU reply) {
        Map<OID, Variable> values = new HashMap<>();
        for (VariableBinding vb : reply.getVariableBindings()) {
            values.putIfAbsent(vb.getOid(), vb.getVariable());
        }
        return values;
    }

    private static void requireNoError(InetAddress address, PDU reply, String what) {
        if (reply.getErrorStatus() != PDU.noError) {
            throw new CompletionException(new PhoneProtocolException(FailureReason.ERROR_REPLY, "SNMP " + what
                    + " of " + address.getHostAddress() + " answered " + errorName(reply.getErrorStatus())));
        }
    }

    /** RFC 3416 error-status names, as agents' logs and MIB tools print them. */
    static String errorName(int status) {
        String[] names = {"noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess",
            "wrongType", "wrongLength", "wrongEncoding", "wrongValue", "noCreation", "inconsistentValue",
            "resourceUnavailable", "commitFailed", "undoFailed", "authorizationError", "notWritable",
            "inconsistentName"};
        return status >= 0 && status < names.length ? names[status] : "error-status " + status;
    }

    private static String vendor(String sysObjectId) {
        String enterprises = "1.3.6.1.4.1.";
        if (!sysObjectId.startsWith(enterprises)) {
            return "";
        }
        String rest = sysObjectId.substring(enterprises.length());
        int dot = rest.indexOf('.');
        try {
            int number = Integer.parseInt(dot < 0 ? rest : rest.substring(0, dot));
            return ENTERPRISES.getOrDefault(number, "enterprise " + number);
        } catch (NumberFormatException e) {
            return "";
        }
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("").trim();
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }
}
