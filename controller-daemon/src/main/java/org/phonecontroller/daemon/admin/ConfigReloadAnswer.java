package org.phonecontroller.daemon.admin;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** The outcome of {@code POST /api/config/reload}. In JSON the property {@code outcome} names the case. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ConfigReloadAnswer.Applied.class, name = "APPLIED"),
    @JsonSubTypes.Type(value = ConfigReloadAnswer.Rejected.class, name = "REJECTED")})
public sealed interface ConfigReloadAnswer {

    /** The new configuration is in effect; {@code summary} says what changed. */
    record Applied(String file, String summary) implements ConfigReloadAnswer {
    }

    /**
     * The file has problems; the daemon keeps its last good configuration.
     *
     * @param problems every problem as {@code file:line:column: message}
     */
    record Rejected(String file, List<String> problems) implements ConfigReloadAnswer {
        public Rejected {
            problems = List.copyOf(problems);
        }
    }
}
