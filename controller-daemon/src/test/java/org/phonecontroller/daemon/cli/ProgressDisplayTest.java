package org.phonecontroller.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phonecontroller.daemon.admin.FakeAdminOperations;
import org.phonecontroller.daemon.admin.JobProgress;
import org.phonecontroller.daemon.admin.JobRef.JobKind;

class ProgressDisplayTest {

    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text, true);

    @Test
    void theBarIsDrawnInPlaceAndEndsWithTheFinalCount() {
        try (ProgressDisplay bar = new ProgressDisplay.Bar("failback of floor-1", out)) {
            bar.show(progress(10, 4, JobProgress.Verdict.RUNNING));
            bar.show(progress(10, 10, JobProgress.Verdict.SUCCEEDED));
        }

        assertThat(text.toString()).startsWith("\r").contains("failback of floor-1", "10/10", "0 failed")
                .endsWith(System.lineSeparator());
    }

    @Test
    void plainLinesComeAtMostOnceASecondButTheLastOneAlways() {
        MutableClock clock = new MutableClock();
        ProgressDisplay lines = new ProgressDisplay.Lines("scan", out, clock);

        lines.show(progress(100, 10, JobProgress.Verdict.RUNNING));
        lines.show(progress(100, 20, JobProgress.Verdict.RUNNING));       // same second: not printed
        clock.advance(Duration.ofSeconds(1));
        lines.show(progress(100, 30, JobProgress.Verdict.RUNNING));
        lines.show(progress(100, 100, JobProgress.Verdict.SUCCEEDED));   // the end: always printed

        assertThat(text.toString().lines()).containsExactly(
                "scan: 10/100 done, 10 verified, 0 deferred, 0 failed",
                "scan: 30/100 done, 30 verified, 0 deferred, 0 failed",
                "scan: 100/100 done, 100 verified, 0 deferred, 0 failed");
    }

    private static JobProgress progress(int total, int verified, JobProgress.Verdict verdict) {
        return FakeAdminOperations.progress("j", JobKind.SCAN, total, verified, 0, 0, List.of(), verdict);
    }

    private static final class MutableClock extends Clock {
        private java.time.Instant now = FakeAdminOperations.T0;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }
}
