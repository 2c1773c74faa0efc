package org.phonecontroller.protocols.snmp;

import java.io.IOException;
import java.time.Duration;
import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * {@link SnmpCredentials} in SNMP4J's terms, for every SNMP sender of the controller (the {@link SnmpSession} of the
 * adapters and probes, the daemon's trap notifications): a socket speaking v2c and v3 with a USM that knows every
 * protocol the credentials can name, a v3 user's USM entry, and the target and PDU class of one message.
 */
public final class SnmpSecurity {

    private SnmpSecurity() {
    }

    /**
     * An {@link Snmp} listening on an ephemeral UDP port of every local address, speaking v2c and v3 (with
     * {@code usm}); the caller closes it.
     */
    public static Snmp listen(USM usm) throws IOException {
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(usm));
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping();
        // Asynchronous message processing makes the listen thread allocate a new buffer of the largest inbound
        // message (64 KiB) for every datagram: 800 MB per 10,000-phone failover, the daemon's largest allocation.
        // Replies are decoded on the listen thread either way and handed to an executor (SnmpSession.send), so its
        // one buffer can be reused.
        transport.setAsyncMsgProcessingSupported(false);
        Snmp snmp = new Snmp(dispatcher, transport);
        snmp.listen();
        return snmp;
    }

    /** A USM with a new local engine ID and every authentication and privacy protocol of {@link SnmpCredentials}. */
    public static USM usm() {
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.none);
        protocols.addAuthenticationProtocol(new AuthMD5());
        protocols.addAuthenticationProtocol(new AuthSHA());
        protocols.addAuthenticationProtocol(new AuthHMAC128SHA224());
        protocols.addAuthenticationProtocol(new AuthHMAC192SHA256());
        protocols.addAuthenticationProtocol(new AuthHMAC256SHA384());
        protocols.addAuthenticationProtocol(new AuthHMAC384SHA512());
        protocols.addPrivacyProtocol(new PrivDES());
        protocols.addPrivacyProtocol(new PrivAES128());
        protocols.addPrivacyProtocol(new PrivAES192());
        protocols.addPrivacyProtocol(new PrivAES256());
        return new USM(protocols, new OctetString(MPv3.createLocalEngineID()), 0);
    }

    /** The USM entry of {@code v3}: its protocols and, for those it uses, its passwords. */
    public static UsmUser usmUser(SnmpCredentials.V3 v3) {
        return new UsmUser(new OctetString(v3.user()), authOid(v3),
                v3.authProtocol() == SnmpCredentials.AuthProtocol.NONE ? null : new OctetString(v3.authPassword()),
                privOid(v3),
                v3.privProtocol() == SnmpCredentials.PrivProtocol.NONE ? null : new OctetString(v3.privPassword()));
    }

    /**
     * The target of one message to {@code to}: a v2c community or a v3 user at the level its protocols give. A v3
     * user must be in the sender's USM ({@link #usmUser}).
     *
     * @param timeout how long each try waits for an answer
     * @param retries how many times a request is sent again when no answer came
     */
    public static Target<UdpAddress> target(UdpAddress to, SnmpCredentials credentials, Duration timeout,
                                            int retries) {
        Target<UdpAddress> target = switch (credentials) {
            case SnmpCredentials.V2c v2c -> {
                CommunityTarget<UdpAddress> t = new CommunityTarget<>(to, new OctetString(v2c.community()));
                t.setVersion(SnmpConstants.version2c);
                yield t;
            }
            case SnmpCredentials.V3 v3 -> {
                UserTarget<UdpAddress> t = new UserTarget<>(to, new OctetString(v3.user()), new byte[0]);
                t.setSecurityLevel(securityLevel(v3));
                t.setVersion(SnmpConstants.version3);
                yield t;
            }
        };
        target.setTimeout(Math.max(1, timeout.toMillis()));
        target.setRetries(retries);
        return target;
    }

    /** A PDU of {@code type} of the class the credentials' SNMP version needs (a scoped PDU for v3). */
    public static PDU pdu(SnmpCredentials credentials, int type) {
        PDU pdu = credentials instanceof SnmpCredentials.V3 ? new ScopedPDU() : new PDU();
        pdu.setType(type);
        return pdu;
    }

    private static int securityLevel(SnmpCredentials.V3 v3) {
        if (v3.authProtocol() == SnmpCredentials.AuthProtocol.NONE) {
            return SecurityLevel.NOAUTH_NOPRIV;
        }
        return v3.privProtocol() == SnmpCredentials.PrivProtocol.NONE ? SecurityLevel.AUTH_NOPRIV
                : SecurityLevel.AUTH_PRIV;
    }

    private static OID authOid(SnmpCredentials.V3 v3) {
        return switch (v3.authProtocol()) {
            case NONE -> null;
            case MD5 -> AuthMD5.ID;
            case SHA -> AuthSHA.ID;
            case SHA_224 -> AuthHMAC128SHA224.ID;
            case SHA_256 -> AuthHMAC192SHA256.ID;
            case SHA_384 -> AuthHMAC256SHA384.ID;
            case SHA_512 -> AuthHMAC384SHA512.ID;
        };
    }

    private static OID privOid(SnmpCredentials.V3 v3) {
        return switch (v3.privProtocol()) {
            case NONE -> null;
            case DES -> PrivDES.ID;
            case AES_128 -> PrivAES128.ID;
            case AES_192 -> PrivAES192.ID;
            case AES_256 -> PrivAES256.ID;
        };
    }
}
