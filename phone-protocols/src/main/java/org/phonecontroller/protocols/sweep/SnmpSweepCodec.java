package org.phonecontroller.protocols.sweep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;

import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
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
 *
 * <p>With an empty community the sweep asks SNMPv3 agents instead (they ignore v2c): an engine-discovery request
 * (RFC 3414 §4: noAuthNoPriv, reportable, empty engine ID and user, an empty GET), whose {@code msgID} carries the
 * target as the request-id does; an agent answers with a Report ({@code usmStatsUnknownEngineIDs}), which counts as
 * an answer (no sysDescr: the identify step asks with the range's v3 user).
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

    private final boolean v3Discovery;

    SnmpSweepCodec(String community, long seed) {
        this.community = new OctetString(community);
        this.v3Discovery = community.isEmpty();
        this.tag = 1 + (int) Math.floorMod(seed, 127L);
        this.template = v3Discovery ? encodeV3Discovery(MARKER) : encode(MARKER);
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
            if (v3Discovery) {
                return decodeV3(in, version);
            }
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

    /** An SNMPv3 message whose msgID is ours: any such message (a Report, mostly) proves an agent answered. */
    private Optional<Reply> decodeV3(BERInputStream in, Integer32 version) throws IOException {
        if (version.getValue() != SnmpConstants.version3) {
            return Optional.empty();
        }
        BER.decodeHeader(in, new BER.MutableByte());
        var msgId = new Integer32();
        msgId.decodeBER(in);
        int id = msgId.getValue();
        if ((id >>> 24) != tag) {
            return Optional.empty();
        }
        return Optional.of(new Reply(id & 0xFF_FFFF, "", ""));
    }

    private static byte[] encodeV3Discovery(int msgId) {
        try {
            var globalData = new ByteArrayOutputStream();
            var id = new Integer32(msgId);
            var maxSize = new Integer32(65507);
            var flags = new OctetString(new byte[] {0x04}); // reportable, noAuthNoPriv
            var model = new Integer32(3); // USM
            BER.encodeHeader(globalData, BER.SEQUENCE, id.getBERLength() + maxSize.getBERLength()
                    + flags.getBERLength() + model.getBERLength());
            id.encodeBER(globalData);
            maxSize.encodeBER(globalData);
            flags.encodeBER(globalData);
            model.encodeBER(globalData);

            var usm = new ByteArrayOutputStream();
            var empty = new OctetString();
            var zero = new Integer32(0);
            BER.encodeHeader(usm, BER.SEQUENCE, 4 * empty.getBERLength() + 2 * zero.getBERLength());
            empty.encodeBER(usm); // authoritative engine ID
            zero.encodeBER(usm); // boots
            zero.encodeBER(usm); // time
            empty.encodeBER(usm); // user name
            empty.encodeBER(usm); // authentication parameters
            empty.encodeBER(usm); // privacy parameters
            var securityParameters = new OctetString(usm.toByteArray());

            var pdu = new ScopedPDU();
            pdu.setType(PDU.GET);
            pdu.setRequestID(new Integer32(msgId));
            var scoped = new ByteArrayOutputStream();
            pdu.encodeBER(scoped);

            var version = new Integer32(SnmpConstants.version3);
            byte[] global = globalData.toByteArray();
            byte[] data = scoped.toByteArray();
            var out = new ByteArrayOutputStream();
            BER.encodeHeader(out, BER.SEQUENCE, version.getBERLength() + global.length
                    + securityParameters.getBERLength() + data.length);
            version.encodeBER(out);
            out.write(global);
            securityParameters.encodeBER(out);
            out.write(data);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
