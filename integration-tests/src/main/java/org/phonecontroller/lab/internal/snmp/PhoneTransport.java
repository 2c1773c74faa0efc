package org.phonecontroller.lab.internal.snmp;

import java.nio.ByteBuffer;
import org.phonecontroller.lab.internal.SimulatedPhone;
import org.snmp4j.TransportStateReference;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.UdpTransportMapping;

/**
 * An SNMP4J transport mapping for one phone's agent address that owns no socket and no thread: the shared
 * {@link SnmpAgentNetwork} selector hands it datagrams, and it sends replies back through that network, from the
 * phone's own address.
 */
final class PhoneTransport extends UdpTransportMapping {
    private final SimulatedPhone phone;
    private final SnmpAgentNetwork network;

    PhoneTransport(UdpAddress listenAddress, SimulatedPhone phone, SnmpAgentNetwork network) {
        super(listenAddress);
        this.phone = phone;
        this.network = network;
    }

    SimulatedPhone phone() {
        return phone;
    }

    void receive(UdpAddress from, ByteBuffer datagram) {
        fireProcessMessage(from, datagram, new TransportStateReference(this, from, null, null, null, false, null));
    }

    @Override
    public void sendMessage(UdpAddress to, byte[] message, TransportStateReference state, long timeout,
                            int maxRetries) {
        network.reply(phone, to, message);
    }

    @Override
    public void listen() {
        // The shared selector listens for every phone.
    }

    @Override
    public boolean isListening() {
        return true;
    }

    @Override
    public void close() {
        // Nothing of its own to close: the shared network owns the socket.
    }
}
