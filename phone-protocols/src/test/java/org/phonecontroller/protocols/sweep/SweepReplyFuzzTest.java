package org.phonecontroller.protocols.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever a misbehaving device sends back, the sweeper's reply decoders answer "not ours" or a valid match. (The
 * TCP-connect sweep reads no bytes at all: a completed handshake is its whole answer, so it has nothing to decode.)
 */
class SweepReplyFuzzTest {

    private static final SnmpSweepCodec SNMP = new SnmpSweepCodec("public", 7);
    private static final SipSweepCodec SIP = new SipSweepCodec(7, "127.0.0.1", 40000);

    @FuzzTest(maxDuration = "1m")
    void anyBytesDecodeToNothingOrAMatch(byte[] data) {
        SNMP.decode(ByteBuffer.wrap(data)).ifPresent(r -> assertThat(r.target()).isBetween(0L, 0xFF_FFFFL));
        SIP.decode(ByteBuffer.wrap(data)).ifPresent(r -> assertThat(r.userAgent()).isNotNull());
    }
}
