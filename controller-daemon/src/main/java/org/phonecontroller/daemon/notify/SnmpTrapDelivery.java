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
import org.phonecontroller.daemon.probes.PhoneManagerProbes;
import org.phonecontroller.protocols.snmp.SnmpCredentials;
import org.phonecontroller.protocols.snmp.SnmpSecurity;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.USM;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;

/**
 * Sends {@code pcEventNotification} of {@code PHONECONTROLLER-MIB} (shipped in {@code mibs/}): an SNMPv2c trap with
 * the community of the credentials entry's {@code snmp} (fire and forget: no answer, no retry), or an SNMPv3 inform
 * with its user (acknowledged; SNMP4J retransmits within the timeout, then the queue retries). The objects live under
 * the receiver's {@code enterprise} root: {@code .0.1} the notification, {@code .1.1}-{@code .1.6} kind, time, range,
 * phone, PhoneManager, detail. The credentials become SNMP4J's as the adapters' do ({@link SnmpSecurity}).
 */
final class SnmpTrapDelivery implements Delivery {
    private final NotifyReceiver.SnmpTrap trap;
    private final Optional<SnmpCredentials> credentials;
    /** Guards {@code snmp}: opened on the first send, closed by {@link #close} from another thread. */
    private final ReentrantLock lock = new ReentrantLock();
    private Snmp snmp;

    /** @param credentials the {@code snmp} of the receiver's credentials entry, as configured */
    SnmpTrapDelivery(NotifyReceiver.SnmpTrap trap, Optional<org.phonecontroller.config.SnmpCredentials> credentials) {
        this.trap = trap;
        this.credentials = credentials.map(PhoneManagerProbes::snmp);
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
            PDU pdu = SnmpSecurity.pdu(creds, creds instanceof SnmpCredentials.V3 ? PDU.INFORM : PDU.NOTIFICATION);
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
            // an inform is retransmitted twice within the receiver's timeout
            ResponseEvent<UdpAddress> response = session.send(pdu,
                    SnmpSecurity.target(address, creds, timeout.dividedBy(3), 2));
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

    private Snmp session() throws IOException {
        lock.lock();
        try {
            if (snmp == null) {
                USM usm = SnmpSecurity.usm();
                if (credentials.orElse(null) instanceof SnmpCredentials.V3 v3) {
                    usm.addUser(SnmpSecurity.usmUser(v3));
                }
                snmp = SnmpSecurity.listen(usm);
            }
            return snmp;
        } finally {
            lock.unlock();
        }
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
