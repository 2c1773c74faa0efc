package org.phonecontroller.config;

import java.util.List;
import java.util.Objects;

/** What loading a configuration gives: a valid configuration, or every problem found. */
public sealed interface ConfigLoadResult {

    /** The configuration and its credentials, both validated. */
    record Valid(ControllerConfig config, Credentials credentials) implements ConfigLoadResult {
        public Valid {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(credentials, "credentials");
        }
    }

    /** Every problem, in file order (configuration file first, then the credentials file). */
    record Invalid(List<ConfigProblem> problems) implements ConfigLoadResult {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid configuration has at least one problem");
            }
        }
    }
}
