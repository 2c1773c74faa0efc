package org.phonecontroller.lab.internal.provisioning;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Whatever a provisioning server sends, the lab phone's parsers return settings or {@link RejectedFile} (files) and a
 * reply or {@link HttpReplyParser.Malformed} (HTTP), and the servers read from any settings are loopback literals.
 * In the default build these run in regression mode; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class ProvisioningParsersFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void filesAreSettingsOrRejected(String text) {
        if (text == null) {
            return;
        }
        for (ProvisioningFirmware firmware : ProvisioningFirmware.values()) {
            try {
                Map<String, String> settings = firmware.parse(text);
                firmware.servers(settings).forEach(s -> {
                    if (!s.host().startsWith("127.")) {
                        throw new AssertionError("a non-loopback server escaped: " + s);
                    }
                });
                firmware.onNotify(text, settings);
            } catch (RejectedFile expected) {
                // the firmware would not take it: fine
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void httpRepliesAreRepliesOrMalformed(byte[] bytes) {
        if (bytes == null) {
            return;
        }
        HttpReplyParser.complete(bytes, bytes.length);
        try {
            HttpReplyParser.parse(bytes, bytes.length);
        } catch (HttpReplyParser.Malformed expected) {
            // a typed failure: fine
        }
    }

    /** Keeps the charset import honest for seeds written as text. */
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
