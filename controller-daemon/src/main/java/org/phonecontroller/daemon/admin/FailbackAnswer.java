package org.phonecontroller.daemon.admin;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** What a failback request led to. In JSON the property {@code outcome} names the case. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FailbackAnswer.Started.class, name = "STARTED"),
    @JsonSubTypes.Type(value = FailbackAnswer.Refused.class, name = "REFUSED"),
    @JsonSubTypes.Type(value = FailbackAnswer.DryRun.class, name = "DRY_RUN")})
public sealed interface FailbackAnswer {

    /** The failback runs: one job per range. */
    record Started(List<JobRef> jobs) implements FailbackAnswer {
        public Started {
            jobs = List.copyOf(jobs);
        }
    }

    /**
     * Nothing was changed: a primary is not UP and the request did not force it.
     *
     * @param reason what happened, e.g. "primary pm-a of range floor-1 is DOWN since 10:02:13"
     * @param advice what to do, e.g. "wait until it is UP (phonectl status) or add --force"
     */
    record Refused(String reason, String advice) implements FailbackAnswer {
    }

    /** What a real failback would change, and nothing was changed. */
    record DryRun(List<PlannedChange> changes) implements FailbackAnswer {
        public DryRun {
            changes = List.copyOf(changes);
        }
    }

    /**
     * One phone a failback would reprogram.
     *
     * @param phone its address
     * @param range its range
     * @param from  the server it is configured with now (host:port), {@code null} when unknown
     * @param to    the primary's server it would get (host:port)
     */
    record PlannedChange(String phone, String range, String from, String to) {
    }
}
