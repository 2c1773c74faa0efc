package org.phonecontroller.daemon.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phonecontroller.config.AdminSettings;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.FailoverSettings;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.ProbeKind;
import org.phonecontroller.config.ProbeSettings;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.config.ScanSettings;
import org.phonecontroller.config.SipTransport;
import org.phonecontroller.config.StorageSettings;
import org.phonecontroller.ranges.IpRange;

class RangePlacementTest {

    static final RangeConfig RANGE = new RangeConfig("floor-1", List.of(IpRange.parse("10.1.0.0/24")), "pm-a", "pm-b",
            List.of("snmp:cisco-sip-ua"), "floor-1", false);
    static final ControllerConfig CONFIG = config();

    private static ControllerConfig config() {
        var pmA = new PhoneManagerConfig("pm-a", "10.0.0.10", 5060, SipTransport.UDP, ProbeKind.SIP_OPTIONS);
        var pmB = new PhoneManagerConfig("pm-b", "10.0.1.10", 5060, SipTransport.UDP, ProbeKind.SIP_OPTIONS);
        return new ControllerConfig(Map.of("pm-a", pmA, "pm-b", pmB), List.of(RANGE), ProbeSettings.DEFAULTS,
                FailoverSettings.DEFAULTS, ScanSettings.DEFAULTS, StorageSettings.DEFAULTS, new AdminSettings("127.0.0.1", 8765, Path.of("/c/admin.token")),
                Path.of("/c/credentials.yaml"), Path.of("/c/profiles"), Path.of("/c/controller.yaml"));
    }

    @Test
    void aPhoneWithThePrimaryFirstAndTheFallbackSecondIsOnThePrimaryAsTheDaemonSetsIt() {
        var placement = RangePlacement.of(RANGE, CONFIG, List.of("10.0.0.10:5060", "10.0.1.10:5060"));

        assertThat(placement.serversOn()).isEqualTo("PRIMARY");
        assertThat(placement.complete()).isTrue();
        assertThat(placement.primary()).isEqualTo("pm-a (10.0.0.10:5060)");
    }

    @Test
    void aPhoneOnTheFallbackWithAStrangeBackupIsOnTheFallbackButNotComplete() {
        var placement = RangePlacement.of(RANGE, CONFIG, List.of("10.0.1.10:5060", "10.9.9.9:5060"));

        assertThat(placement.serversOn()).isEqualTo("FALLBACK");
        assertThat(placement.complete()).isFalse();
        assertThat(placement.expected()).containsExactly("10.0.1.10:5060", "10.0.0.10:5060");
    }

    @Test
    void aPhoneWithOneSlotHoldingThePrimaryIsComplete() {
        assertThat(RangePlacement.of(RANGE, CONFIG, List.of("10.0.0.10:5060")).complete()).isTrue();
    }

    @Test
    void aPhoneOnAnotherServerOrUnreadIsSaidSo() {
        assertThat(RangePlacement.of(RANGE, CONFIG, List.of("10.7.7.7:5060")).serversOn()).isEqualTo("OTHER");
        assertThat(RangePlacement.of(RANGE, CONFIG, null).serversOn()).isEqualTo("UNKNOWN");
    }
}
