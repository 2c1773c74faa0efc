package org.phonecontroller.protocols.registrar;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;

/**
 * Whatever a registrar (or something posing as one) answers, the parsers return a dump or throw
 * {@link MalformedRegistrarReply} / {@link RegistrarException}, which the clients turn into an unknown view. In the
 * default build these run in regression mode over the seeds in {@code RegistrarParsersFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class RegistrarParsersFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void kamailioDumpsAreDumpsOrMalformed(String body) {
        try {
            KamailioUlDump.parse(body, 1000);
        } catch (MalformedRegistrarReply | RegistrarException expected) {
            // typed: the view is unknown
        }
    }

    @FuzzTest(maxDuration = "60s")
    void amiAnswersAreDumpsOrMalformed(byte[] transcript) throws IOException {
        try {
            var messages = new AmiMessages(new ByteArrayInputStream(transcript == null ? new byte[0] : transcript),
                    64 * 1024);
            AmiContacts.collect(messages, "pc-contacts-1", Instant.EPOCH, 1000);
        } catch (MalformedRegistrarReply | RegistrarException expected) {
            // typed: the view is unknown
        }
    }

    @FuzzTest(maxDuration = "60s")
    void sipUriHostsNeverThrow(String uri) {
        SipUriHosts.ipOf(uri);
    }
}
