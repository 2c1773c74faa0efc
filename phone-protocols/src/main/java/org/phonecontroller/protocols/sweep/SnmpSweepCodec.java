package org.phonecontroller.protocols.sweep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;

import org.snmp4j.PDU;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * SNMP v2c GET sysDescr.0 + sysObjectID.0, encoded once with SNMP4J's BER classes into a template whose request-id
 * is patched per target: {@code requestId = tag << 24 | target}, with {@code tag} in 1..127, so every request-id
 * encodes in exactly four bytes. Replies are decoded with SNMP4J as well.
 */
final class SnmpSweepCodec {

    /** What a reply said. */
    record Reply(long target, String sysDescr, String sysObjectId) {
    }

    private static final int MARKER = 0x7E5A5A5A;

    private final byte[] template;
    private final int requestIdOffset;
    private final int tag;
    private final OctetString community;

    SnmpSweepCodec(String community, long seed) {
        this.community = new OctetString(community);
        this.tag = 1 + (int) Math.floorMod(seed, 127L);
        this.template = encode(MARKER);
        this.requestIdOffset = find(template, new byte[] {BER.INTEGER, 4, 0x7E, 0x5A, 0x5A, 0x5A}) + 2;
    }

    /** Writes the request for {@code target} (below 2^24) into {@code out}, cleared first. */
    void request(long target, ByteBuffer out) {
        int id = (tag << 24) | (int) target;
        out.clear();
        out.put(template);
        out.putInt(requestIdOffset, id);
        out.flip();
    }

    /** The reply's target and values, or empty for anything that is not a GET response to us. */
    Optional<Reply> decode(ByteBuffer datagram) {
        try {
            var in = new BERInputStream(datagram);
            var type = new BER.MutableByte();
            BER.decodeHeader(in, type);
            if (type.getValue() != BER.SEQUENCE) {
                return Optional.empty();
            }
            var version = new Integer32();
            version.decodeBER(in);
            var replyCommunity = new OctetString();
            replyCommunity.decodeBER(in);
            var pdu = new PDU();
            pdu.decodeBER(in);
            int id = pdu.getRequestID().getValue();
            if (version.getValue() != SnmpConstants.version2c || pdu.getType() != PDU.RESPONSE
                    || (id >>> 24) != tag || !replyCommunity.equals(community)) {
                return Optional.empty();
            }
            String descr = "";
            String objectId = "";
            for (VariableBinding vb : pdu.getVariableBindings()) {
                Variable v = vb.getVariable();
                if (v == null || v.isException()) {
                    continue;
                }
                if (vb.getOid().equals(SnmpConstants.sysDescr)) {
                    descr = v instanceof OctetString s ? s.toString() : v.toString();
                } else if (vb.getOid().equals(SnmpConstants.sysObjectID)) {
                    objectId = v instanceof OID o ? o.toDottedString() : v.toString();
                }
            }
            return Optional.of(new Reply(id & 0xFF_FFFF, descr, objectId));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // garbage: counted by the caller
        }
    }

    private byte[] encode(int requestId) {
        var pdu = new PDU();
        pdu.setType(PDU.GET);
        pdu.setRequestID(new Integer32(requestId));
        pdu.add(new VariableBinding(SnmpConstants.sysDescr));
        pdu.add(new VariableBinding(SnmpConstants.sysObjectID));
        var version = new Integer32(SnmpConstants.version2c);
        try {
            var out = new ByteArrayOutputStream();
            BER.encodeHeader(out, BER.SEQUENCE, version.getBERLength() + community.getBERLength()
                    + pdu.getBERLength());
            version.encodeBER(out);
            community.encodeBER(out);
            pdu.encodeBER(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int find(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("request-id not found in the SNMP template");
    }
}
