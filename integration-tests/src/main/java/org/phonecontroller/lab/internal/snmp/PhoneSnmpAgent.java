package org.phonecontroller.lab.internal.snmp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.NavigableMap;
import org.phonecontroller.lab.LabConfig.SnmpCredentials;
import org.phonecontroller.lab.LabConfig.UsmUserSpec;
import org.phonecontroller.lab.internal.SimulatedPhone;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SNMP engine of one phone: SNMP4J's message processing (v1, v2c, v3 with its own USM and an engine ID derived
 * from the phone's address) and a command responder over the phone's {@link PhoneMib}. It is created on the first
 * datagram for the phone and owns no thread or socket.
 */
final class PhoneSnmpAgent implements CommandResponder {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneSnmpAgent.class);
    private final SimulatedPhone phone;
    private final SnmpCredentials credentials;
    private final PhoneTransport transport;
    private final MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();

    PhoneSnmpAgent(SimulatedPhone phone, SnmpCredentials credentials, UdpAddress listen, SnmpAgentNetwork network,
                   UsmKeys keys) {
        this.phone = phone;
        this.credentials = credentials;
        this.transport = new PhoneTransport(listen, phone, network);
        byte[] engineId = engineId(phone);
        USM usm = new PhoneUsm(SecurityProtocols.getInstance(), new OctetString(engineId), 1);
        credentials.v3().ifPresent(u -> addUser(usm, u, engineId, keys));
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(usm));
        dispatcher.addTransportMapping(transport);
        transport.addTransportListener(dispatcher);
        dispatcher.addCommandResponder(this);
    }

    /**
     * RFC 3411 engine ID: enterprise (Cisco 9 for Cisco-style phones, else 32473) with the high bit set, format 1
     * (IPv4), then the phone's address. Unique per phone, stable across runs.
     */
    static byte[] engineId(SimulatedPhone phone) {
        int enterprise = phone.vendor().configName().contains("cisco") ? 9 : 32473;
        int a = phone.address();
        return new byte[] {(byte) (0x80 | (enterprise >>> 24)), (byte) (enterprise >>> 16), (byte) (enterprise >>> 8),
                (byte) enterprise, 1, (byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
    }

    private static void addUser(USM usm, UsmUserSpec u, byte[] engineId, UsmKeys keys) {
        OID auth = UsmKeys.authProtocolOid(u.authProtocol());
        byte[] authKey = keys.localizedKey(u.authProtocol(), u.authPassword(), engineId, 0);
        OID priv = null;
        byte[] privKey = null;
        if (u.privProtocol().isPresent()) {
            priv = PrivAES128.ID;
            privKey = keys.localizedKey(u.authProtocol(), u.privPassword().orElseThrow(), engineId, 16);
        }
        usm.addLocalizedUser(engineId, new OctetString(u.user()), auth, authKey, priv, privKey);
    }

    void receive(UdpAddress from, ByteBuffer datagram) {
        transport.receive(from, datagram);
    }

    @Override
    public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
        event.setProcessed(true);
        PDU request = event.getPDU();
        if (request == null || !authorised(event)) {
            LOG.debug("{}: SNMP request from {} not authorised; no answer", phone, event.getPeerAddress());
            return; // a wrong community is answered with silence, as real agents do
        }
        PDU response = (PDU) request.clone();
        response.clear(); // also zeroes the request ID, which the reply must echo
        response.setRequestID(request.getRequestID());
        response.setType(PDU.RESPONSE);
        response.setErrorStatus(PDU.noError);
        response.setErrorIndex(0);
        NavigableMap<OID, Variable> view = PhoneMib.view(phone);
        switch (request.getType()) {
            case PDU.GET -> PhoneMib.get(view, request, response);
            case PDU.GETNEXT -> PhoneMib.getNext(view, request, response);
            case PDU.GETBULK -> PhoneMib.getBulk(view, request, response);
            case PDU.SET -> PhoneMib.set(phone, view, request, response);
            default -> {
                return; // traps, informs and reports are not for an agent to answer
            }
        }
        LOG.debug("{}: {} from {} -> {}", phone, PDU.getTypeString(request.getType()), event.getPeerAddress(),
                response.getErrorStatusText());
        try {
            event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(),
                    event.getSecurityModel(), event.getSecurityName(), event.getSecurityLevel(), response,
                    event.getMaxSizeResponsePDU(), event.getStateReference(), new StatusInformation());
        } catch (MessageException e) {
            LOG.debug("{}: cannot answer SNMP request from {}: {}", phone, event.getPeerAddress(), e.getMessage());
        }
    }

    private boolean authorised(CommandResponderEvent<?> event) {
        if (phone.misbehaviour().wrongCredentials()) {
            return false;
        }
        if (event.getSecurityModel() == SecurityModel.SECURITY_MODEL_USM
                || event.getMessageProcessingModel() == MessageProcessingModel.MPv3) {
            return credentials.v3().isPresent(); // USM has authenticated the user already
        }
        String community = new String(event.getSecurityName(), StandardCharsets.UTF_8);
        return credentials.community().map(community::equals).orElse(false);
    }
}
