package org.phonecontroller.bench.codec;

import java.nio.charset.StandardCharsets;
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
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.sip.SipEncoder;
import org.phonecontroller.protocols.sip.SipIds;
import org.phonecontroller.protocols.sip.SipMessage;
import org.phonecontroller.protocols.sip.SipParseException;
import org.phonecontroller.protocols.sip.SipParser;
import org.phonecontroller.protocols.sip.SipRequest;
import org.phonecontroller.protocols.sip.SipRequests;
import org.phonecontroller.protocols.sip.SipResponse;
import org.phonecontroller.protocols.sip.SipResponses;

/**
 * phone-protocols' SIP codec (org.phonecontroller.protocols.sip) on the messages of a failover, through its public
 * API as the daemon calls it: {@code SipRequests.options}/{@code register} (fresh branch, tag and Call-ID from
 * {@link SipIds#secure()}, as SipOptionsProbe's) then {@code SipEncoder.encode}; {@code SipResponses.reply} 200 OK
 * then encode; {@code SipParser.parseDatagram} of an OPTIONS, a REGISTER and of a phone's 200 OK to OPTIONS
 * (headers as a Poly VVX answers: Allow, Accept, Supported, User-Agent...).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms256m", "-Xmx256m"})
public class SipCodecBenchmark {

    private static final ServerAddress LOCAL = new ServerAddress("127.0.0.1", 5060);
    private static final ServerAddress PHONE = new ServerAddress("127.93.0.17", 5060);
    private static final ServerAddress REGISTRAR = new ServerAddress("127.0.1.10", 5070);

    /** A phone's answer to the probe's OPTIONS, with the headers a Poly VVX 450 sends. */
    static final String PHONE_200_OK = """
            SIP/2.0 200 OK\r
            Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK6a1c0e5f3b2d4c19;rport=5060;received=127.0.0.1\r
            From: <sip:phonecontroller@127.0.0.1:5060>;tag=1f2e3d4c5b6a7988\r
            To: <sip:127.93.0.17:5060>;tag=C5B6E41A-8D2F1C07\r
            Call-ID: 9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e\r
            CSeq: 1 OPTIONS\r
            Contact: <sip:1017@127.93.0.17:5060>\r
            User-Agent: PolycomVVX-VVX_450-UA/6.4.3.5018\r
            Accept-Language: en\r
            Accept: application/sdp,text/plain,message/sipfrag,application/dialog-info+xml\r
            Allow: INVITE,ACK,BYE,CANCEL,OPTIONS,INFO,MESSAGE,SUBSCRIBE,NOTIFY,PRACK,UPDATE,REFER\r
            Supported: 100rel,replaces\r
            Allow-Events: conference,talk,hold\r
            Content-Length: 0\r
            \r
            """;

    private SipRequests requests;
    private final SipParser parser = new SipParser();
    private SipRequest options;
    private byte[] optionsBytes;
    private byte[] registerBytes;
    private byte[] okBytes;
    private long cseq = 1;

    @Setup(Level.Trial)
    public void prepare() throws SipParseException {
        requests = new SipRequests(LOCAL, Transport.UDP, SipRequests.DEFAULT_USER_AGENT, SipIds.secure());
        options = requests.options(PHONE);
        optionsBytes = SipEncoder.encode(options);
        registerBytes = SipEncoder.encode(requests.register("1017", REGISTRAR, 3600, requests.newCallId(), 1));
        okBytes = PHONE_200_OK.getBytes(StandardCharsets.UTF_8);
        if (!(parser.parseDatagram(okBytes) instanceof SipResponse ok) || ok.statusCode() != 200) {
            throw new IllegalStateException("the 200 OK sample does not parse as a 200 response");
        }
    }

    @Benchmark
    public byte[] encodeOptions() {
        return SipEncoder.encode(requests.options(PHONE));
    }

    @Benchmark
    public byte[] encodeRegister() {
        return SipEncoder.encode(requests.register("1017", REGISTRAR, 3600, "bench-register-call-id", cseq++));
    }

    @Benchmark
    public byte[] encode200Ok() {
        return SipEncoder.encode(SipResponses.reply(options, 200, "C5B6E41A"));
    }

    @Benchmark
    public SipMessage parseOptions() throws SipParseException {
        return parser.parseDatagram(optionsBytes);
    }

    @Benchmark
    public SipMessage parseRegister() throws SipParseException {
        return parser.parseDatagram(registerBytes);
    }

    @Benchmark
    public SipMessage parse200Ok() throws SipParseException {
        return parser.parseDatagram(okBytes);
    }
}
