package org.phonecontroller.protocols.testpeers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.snmp4j.PDU;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

/** Answers an SNMP v2c GET of sysDescr/sysObjectID, for a {@link ScriptedUdpPeer}; the community must match. */
public record TinySnmpAgent(String community, String sysDescr, String sysObjectId) {

    public List<byte[]> answer(byte[] request) {
        try {
            var in = new BERInputStream(ByteBuffer.wrap(request));
            BER.decodeHeader(in, new BER.MutableByte());
            var version = new Integer32();
            version.decodeBER(in);
            var c = new OctetString();
            c.decodeBER(in);
            var pdu = new PDU();
            pdu.decodeBER(in);
            if (!c.toString().equals(community) || pdu.getType() != PDU.GET) {
                return List.of();
            }
            return List.of(response(pdu.getRequestID().getValue()));
        } catch (IOException e) {
            return List.of();
        }
    }

    public byte[] response(int requestId) {
        var pdu = new PDU();
        pdu.setType(PDU.RESPONSE);
        pdu.setRequestID(new Integer32(requestId));
        pdu.add(new VariableBinding(SnmpConstants.sysDescr, new OctetString(sysDescr)));
        pdu.add(new VariableBinding(SnmpConstants.sysObjectID, new OID(sysObjectId)));
        var version = new Integer32(SnmpConstants.version2c);
        var c = new OctetString(community);
        try {
            var out = new ByteArrayOutputStream();
            BER.encodeHeader(out, BER.SEQUENCE, version.getBERLength() + c.getBERLength() + pdu.getBERLength());
            version.encodeBER(out);
            c.encodeBER(out);
            pdu.encodeBER(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request-id of a request, or -1. */
    public static int requestId(byte[] request) {
        try {
            var in = new BERInputStream(ByteBuffer.wrap(request));
            BER.decodeHeader(in, new BER.MutableByte());
            new Integer32().decodeBER(in);
            new OctetString().decodeBER(in);
            var pdu = new PDU();
            pdu.decodeBER(in);
            return pdu.getRequestID().getValue();
        } catch (IOException e) {
            return -1;
        }
    }
}
