package org.phonecontroller.config;

/** When phones go back to their primary. YAML: {@code manual}, {@code automatic}. */
public enum FailbackMode {
    /** Only when an admin runs {@code phonectl failback}. */
    MANUAL,
    /** Also by itself once the primary has been UP for {@code automaticFailbackAfter}. */
    AUTOMATIC
}
