package org.phonecontroller.protocols.sweep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.phonecontroller.protocols.sip.SipEncoder;
import org.phonecontroller.protocols.sip.SipParser;
import org.phonecontroller.protocols.sip.SipRequest;
import org.phonecontroller.protocols.sip.SipResponse;
import org.phonecontroller.protocols.sip.SipResponses;
import org.snmp4j.PDU;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

/**
 * The sweep's per-target codecs (SipSweepCodec, SnmpSweepCodec; package-private, so this benchmark sits in their
 * package in the benchmarks module): one request written into the sender's direct buffer, one reply decoded from a
 * heap buffer, as SweepRun does per target. Targets advance so every request differs; replies are real answers to
 * the codecs' own requests (an SNMPv2c GET response with sysDescr and sysObjectID; a phone's SIP 200 OK with
 * User-Agent; for SNMPv3 discovery, a message with our msgID, which is all the codec reads of the agent's Report).
 * The TCP sweep has no codec (a connect is the probe).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms256m", "-Xmx256m"})
public class SweepCodecBenchmark {

    private static final long SEED = 0x5EED_1234_5678L;
    private static final int TARGETS = 1 << 16;
    private static final int SIP_PORT = 5060;

    private SipSweepCodec sip;
    private SnmpSweepCodec snmpV2c;
    private SnmpSweepCodec snmpV3;
    private final ByteBuffer out = ByteBuffer.allocateDirect(2048);
    private InetAddress[] addresses;
    private int target;
    private byte[] sipReply;
    private byte[] snmpV2cReply;
    private byte[] snmpV3Reply;

    @Setup(Level.Trial)
    public void prepare() throws Exception {
        sip = new SipSweepCodec(SEED, "127.0.0.1", 40123);
        snmpV2c = new SnmpSweepCodec("public", SEED);
        snmpV3 = new SnmpSweepCodec("", SEED);
        addresses = new InetAddress[256];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = InetAddress.getByAddress(new byte[] {127, 94, 0, (byte) i});
        }
        long replyTarget = 4242;
        sipReply = sipReply(replyTarget);
        snmpV2cReply = snmpV2cReply(replyTarget);
        snmpV3Reply = bytesOf(r -> snmpV3.request(replyTarget, r));
        check(sip.decode(ByteBuffer.wrap(sipReply)).map(SipSweepCodec.Reply::target), replyTarget, "SIP");
        check(snmpV2c.decode(ByteBuffer.wrap(snmpV2cReply)).map(SnmpSweepCodec.Reply::target), replyTarget, "SNMPv2c");
        check(snmpV3.decode(ByteBuffer.wrap(snmpV3Reply)).map(SnmpSweepCodec.Reply::target), replyTarget, "SNMPv3");
    }

    private static void check(Optional<Long> decoded, long expected, String kind) {
        if (decoded.isEmpty() || decoded.get() != expected) {
            throw new IllegalStateException(kind + " reply decodes to " + decoded + ", not target " + expected);
        }
    }

    private byte[] bytesOf(java.util.function.Consumer<ByteBuffer> writer) {
        ByteBuffer b = ByteBuffer.allocate(2048);
        writer.accept(b);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    private byte[] sipReply(long replyTarget) throws Exception {
        byte[] request = bytesOf(b -> sip.request(replyTarget, address(7), SIP_PORT, b));
        SipRequest options = (SipRequest) new SipParser().parseDatagram(request);
        SipResponse ok = SipResponses.reply(options, 200, "C5B6E41A");
        ok = new SipResponse(ok.statusCode(), ok.reasonPhrase(), ok.headers()
                .with("User-Agent", "PolycomVVX-VVX_450-UA/6.4.3.5018")
                .with("Allow", "INVITE,ACK,BYE,CANCEL,OPTIONS,INFO,MESSAGE,SUBSCRIBE,NOTIFY,PRACK,UPDATE,REFER"));
        return SipEncoder.encode(ok);
    }

    private byte[] snmpV2cReply(long replyTarget) throws IOException {
        byte[] request = bytesOf(b -> snmpV2c.request(replyTarget, b));
        var in = new BERInputStream(ByteBuffer.wrap(request));
        BER.decodeHeader(in, new BER.MutableByte());
        new Integer32().decodeBER(in);
        var community = new OctetString();
        community.decodeBER(in);
        var get = new PDU();
        get.decodeBER(in);
        var response = new PDU();
        response.setType(PDU.RESPONSE);
        response.setRequestID(get.getRequestID());
        response.add(new VariableBinding(SnmpConstants.sysDescr,
                new OctetString("Polycom VVX 450, UC Software 6.4.3.5018")));
        response.add(new VariableBinding(SnmpConstants.sysObjectID, new OID("1.3.6.1.4.1.13885.450")));
        var version = new Integer32(SnmpConstants.version2c);
        var bytes = new ByteArrayOutputStream();
        BER.encodeHeader(bytes, BER.SEQUENCE, version.getBERLength() + community.getBERLength()
                + response.getBERLength());
        version.encodeBER(bytes);
        community.encodeBER(bytes);
        response.encodeBER(bytes);
        return bytes.toByteArray();
    }

    private InetAddress address(long t) {
        return addresses[(int) (t & 0xFF)];
    }

    private long nextTarget() {
        target = (target + 1) & (TARGETS - 1);
        return target;
    }

    @Benchmark
    public ByteBuffer sipRequest() {
        long t = nextTarget();
        sip.request(t, address(t), SIP_PORT, out);
        return out;
    }

    @Benchmark
    public Optional<?> sipDecode() {
        return sip.decode(ByteBuffer.wrap(sipReply));
    }

    @Benchmark
    public ByteBuffer snmpV2cRequest() {
        snmpV2c.request(nextTarget(), out);
        return out;
    }

    @Benchmark
    public Optional<?> snmpV2cDecode() {
        return snmpV2c.decode(ByteBuffer.wrap(snmpV2cReply));
    }

    @Benchmark
    public ByteBuffer snmpV3DiscoveryRequest() {
        snmpV3.request(nextTarget(), out);
        return out;
    }

    @Benchmark
    public Optional<?> snmpV3Decode() {
        return snmpV3.decode(ByteBuffer.wrap(snmpV3Reply));
    }
}
