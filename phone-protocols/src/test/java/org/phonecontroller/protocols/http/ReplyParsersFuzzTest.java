package org.phonecontroller.protocols.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Whatever a misbehaving phone sends, the reply parsers either return a value or throw
 * {@link MalformedReplyException} (which the adapters turn into a typed failure for that phone); the challenge
 * parser never throws. In the default build these run in regression mode over the seeds in
 * {@code ReplyParsersFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class ReplyParsersFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void challengeParserNeverThrows(String header) {
        AuthChallenge.parse(header);
        HttpTransport.best(List.of(header == null ? "" : header));
    }

    @FuzzTest(maxDuration = "60s")
    void polycomRepliesAreValuesOrMalformed(String body) {
        expectOnlyMalformed(() -> PolycomReplies.deviceInfo(body));
        expectOnlyMalformed(() -> PolycomReplies.configValues(body, List.of("reg.1.server.1.address")));
        expectOnlyMalformed(() -> PolycomReplies.callState(body));
        expectOnlyMalformed(() -> {
            PolycomReplies.accepted(body);
            return null;
        });
    }

    @FuzzTest(maxDuration = "60s")
    void snomSettingsAreValuesOrMalformed(String body) {
        expectOnlyMalformed(() -> SnomSettings.parse(body));
    }

    @FuzzTest(maxDuration = "60s")
    void grandstreamRepliesAreValuesOrMalformed(String body) {
        expectOnlyMalformed(() -> GrandstreamReplies.sid(body));
        expectOnlyMalformed(() -> GrandstreamReplies.values(body));
        expectOnlyMalformed(() -> GrandstreamReplies.lineState(body));
        expectOnlyMalformed(() -> {
            GrandstreamReplies.accepted(body);
            return null;
        });
    }

    private static void expectOnlyMalformed(java.util.function.Supplier<?> parser) {
        try {
            parser.get();
        } catch (MalformedReplyException expected) {
            // a typed failure: fine
        }
    }
}
