package org.phonecontroller.lab.internal.snmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.phonecontroller.lab.internal.Garbler;
import org.phonecontroller.lab.internal.LabTimers;
import org.phonecontroller.lab.internal.UdpMultiplexer;
import org.phonecontroller.lab.internal.SimulatedPhone;
import org.snmp4j.SNMP4JSettings;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.smi.UdpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SNMP agents of all SNMP phones: one {@link UdpMultiplexer} binds every phone's ADDR:snmpPort on one selector and
 * hands each datagram to that phone's {@link PhoneSnmpAgent} (created on first use). Replies leave from the phone's
 * own address; misbehaviour (silence while rebooting, drops, delay, garbling) is applied here.
 */
public final class SnmpAgentNetwork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnmpAgentNetwork.class);
    private final UdpMultiplexer udp;
    private final Map<Integer, SimulatedPhone> phones;
    private final Map<Integer, PhoneSnmpAgent> agents = new ConcurrentHashMap<>();
    private final int port;
    private final LabTimers timers;
    private final UsmKeys keys = new UsmKeys();

    public SnmpAgentNetwork(Map<Integer, SimulatedPhone> snmpPhones, int port, LabTimers timers) {
        this.phones = snmpPhones;
        this.port = port;
        this.timers = timers;
        SecurityProtocols protocols = SecurityProtocols.getInstance().addDefaultProtocols();
        protocols.addAuthenticationProtocol(new AuthSHA()); // SNMP4J 3 leaves SHA-1 out of its defaults; phones don't
        protocols.addPrivacyProtocol(new PrivAES128());
        // RFC 3414 3.2: an unknown user or engine is reported without authentication (as net-snmp's snmpd does);
        // SNMP4J's default would stay silent when the request asked for authPriv.
        SNMP4JSettings.setReportSecurityLevelStrategy(SNMP4JSettings.ReportSecurityLevelStrategy.noAuthNoPrivIfNeeded);
        try {
            this.udp = new UdpMultiplexer("lab-phone-snmp", this::receive);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    public void bindAll() {
        List<InetSocketAddress> addresses = new ArrayList<>(phones.size());
        for (SimulatedPhone p : phones.values()) {
            addresses.add(new InetSocketAddress(org.phonecontroller.lab.AddressList.toInet(p.address()), port));
        }
        if (addresses.isEmpty()) {
            return;
        }
        try {
            udp.bind(addresses);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the SNMP agents of " + addresses.size() + " phones on port "
                    + port, e);
        }
    }

    public int agentsCreated() {
        return agents.size();
    }

    private void receive(InetSocketAddress local, InetSocketAddress remote, byte[] bytes) {
        int address = org.phonecontroller.lab.AddressList.toInt((java.net.Inet4Address) local.getAddress());
        SimulatedPhone phone = phones.get(address);
        if (phone == null || phone.dropsRequest()) {
            return;
        }
        PhoneSnmpAgent agent = agents.computeIfAbsent(address, a -> new PhoneSnmpAgent(phone,
                phone.group().snmp().orElseThrow(), new UdpAddress(local.getAddress(), local.getPort()), this, keys));
        try {
            agent.receive(new UdpAddress(remote.getAddress(), remote.getPort()), ByteBuffer.wrap(bytes));
        } catch (RuntimeException e) {
            LOG.warn("{}: SNMP datagram from {} not processed", phone, remote, e);
        }
    }

    /** Sends an agent's reply from the phone's address, after the phone's reply delay, maybe garbled. */
    void reply(SimulatedPhone phone, UdpAddress to, byte[] message) {
        byte[] out = phone.garblesReply() ? Garbler.garble(message) : message;
        InetSocketAddress remote = new InetSocketAddress(to.getInetAddress(), to.getPort());
        InetSocketAddress local = new InetSocketAddress(org.phonecontroller.lab.AddressList.toInet(phone.address()),
                port);
        Runnable send = () -> {
            if (!udp.send(local, remote, out)) {
                LOG.debug("{}: SNMP reply to {} not sent", phone, remote);
            }
        };
        var delay = phone.misbehaviour().replyDelay();
        if (delay.isPositive()) {
            timers.after(delay, send);
        } else {
            send.run();
        }
    }

    @Override
    public void close() {
        udp.close();
    }
}
