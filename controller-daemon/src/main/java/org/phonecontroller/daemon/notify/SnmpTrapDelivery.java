package org.phonecontroller.daemon.notify;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.phonecontroller.config.NotifyReceiver;
import org.phonecontroller.config.SnmpCredentials;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.MessageDispatcherImpl;
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
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Sends {@code pcEventNotification} of {@code PHONECONTROLLER-MIB} (shipped in {@code mibs/}): an SNMPv2c trap with
 * the community of the credentials entry's {@code snmp} (fire and forget: no answer, no retry), or an SNMPv3 inform
 * with its user (acknowledged; SNMP4J retransmits within the timeout, then the queue retries). The objects live under
 * the receiver's {@code enterprise} root: {@code .0.1} the notification, {@code .1.1}-{@code .1.6} kind, time, range,
 * phone, PhoneManager, detail.
 */
final class SnmpTrapDelivery implements Delivery {
    private final NotifyReceiver.SnmpTrap trap;
    private final Optional<SnmpCredentials> credentials;
    /** Guards {@code snmp}: opened on the first send, closed by {@link #close} from another thread. */
    private final ReentrantLock lock = new ReentrantLock();
    private Snmp snmp;

    SnmpTrapDelivery(NotifyReceiver.SnmpTrap trap, Optional<SnmpCredentials> credentials) {
        this.trap = trap;
        this.credentials = credentials;
    }

    /** The notification's OID: {@code enterprise.0.1}. */
    static OID notificationOid(String enterprise) {
        return new OID(enterprise + ".0.1");
    }

    @Override
    public void send(Notification n, Duration timeout) throws DeliveryFailed {
        SnmpCredentials creds = credentials.orElseThrow(() -> new DeliveryFailed(trap.describe()
                + ": no snmp credentials", false));
        UdpAddress address;
        try {
            address = new UdpAddress(InetAddress.getByName(trap.host()), trap.port());
        } catch (UnknownHostException e) {
            throw new DeliveryFailed(trap.describe() + ": unknown host", true, e);
        }
        try {
            Snmp session = session();
            PDU pdu = creds instanceof SnmpCredentials.V3 ? new ScopedPDU() : new PDU();
            pdu.setType(creds instanceof SnmpCredentials.V3 ? PDU.INFORM : PDU.NOTIFICATION);
            long uptimeCentis = ManagementFactory.getRuntimeMXBean().getUptime() / 10;
            pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(uptimeCentis)));
            pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, notificationOid(trap.enterprise())));
            String objects = trap.enterprise() + ".1.";
            pdu.add(text(objects + "1", n.event().kind().name()));
            pdu.add(text(objects + "2", n.event().ts().toString()));
            pdu.add(text(objects + "3", n.event().range()));
            pdu.add(text(objects + "4", n.event().phone()));
            pdu.add(text(objects + "5", n.event().phoneManager()));
            pdu.add(text(objects + "6", n.event().detail()));
            Target<UdpAddress> target = target(creds, address, timeout);
            ResponseEvent<UdpAddress> response = session.send(pdu, target);
            if (pdu.getType() == PDU.INFORM) {
                if (response == null || response.getResponse() == null) {
                    throw new DeliveryFailed(trap.describe() + ": the inform was not acknowledged within "
                            + timeout.toMillis() + " ms", true);
                }
                if (response.getResponse().getErrorStatus() != 0) {
                    throw new DeliveryFailed(trap.describe() + ": the inform was answered with "
                            + response.getResponse().getErrorStatusText(), false);
                }
            }
        } catch (IOException e) {
            throw new DeliveryFailed(trap.describe() + ": " + e.getMessage(), true, e);
        }
    }

    private static VariableBinding text(String oid, String value) {
        return new VariableBinding(new OID(oid), new OctetString(value.getBytes(StandardCharsets.UTF_8)));
    }

    private Target<UdpAddress> target(SnmpCredentials creds, UdpAddress address, Duration timeout) {
        Target<UdpAddress> target = switch (creds) {
            case SnmpCredentials.V2c v2c -> new CommunityTarget<>(address, new OctetString(v2c.community()));
            case SnmpCredentials.V3 v3 -> {
                UserTarget<UdpAddress> t = new UserTarget<>(address, new OctetString(v3.user()), new byte[0]);
                t.setSecurityLevel(v3.authProtocol() == SnmpCredentials.AuthProtocol.NONE ? SecurityLevel.NOAUTH_NOPRIV
                        : v3.privProtocol() == SnmpCredentials.PrivProtocol.NONE ? SecurityLevel.AUTH_NOPRIV
                        : SecurityLevel.AUTH_PRIV);
                yield t;
            }
        };
        target.setVersion(creds instanceof SnmpCredentials.V3 ? SnmpConstants.version3 : SnmpConstants.version2c);
        // an inform is retransmitted twice within the receiver's timeout
        target.setRetries(2);
        target.setTimeout(Math.max(1, timeout.toMillis() / 3));
        return target;
    }

    private Snmp session() throws IOException {
        lock.lock();
        try {
            return openedSession();
        } finally {
            lock.unlock();
        }
    }

    private Snmp openedSession() throws IOException {
        if (snmp == null) {
            MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
            dispatcher.addMessageProcessingModel(new MPv2c());
            if (credentials.orElse(null) instanceof SnmpCredentials.V3 v3) {
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
                USM usm = new USM(protocols, new OctetString(MPv3.createLocalEngineID()), 0);
                usm.addUser(new UsmUser(new OctetString(v3.user()), authOid(v3),
                        v3.authPassword().map(OctetString::new).orElse(null), privOid(v3),
                        v3.privPassword().map(OctetString::new).orElse(null)));
                dispatcher.addMessageProcessingModel(new MPv3(usm));
            }
            Snmp s = new Snmp(dispatcher, new DefaultUdpTransportMapping());
            s.listen();
            snmp = s;
        }
        return snmp;
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

    @Override
    public void close() {
        lock.lock();
        try {
            if (snmp != null) {
                snmp.close();
            }
        } catch (IOException e) {
            // the socket is gone either way
        } finally {
            snmp = null;
            lock.unlock();
        }
    }
}
