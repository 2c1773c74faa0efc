package org.phonecontroller.daemon.cli;

/** The exit codes of {@code phonectl} (DESIGN.md): scripts rely on them. */
public final class ExitCodes {
    /** Everything asked was done. */
    public static final int OK = 0;
    /** It ran, but not everything succeeded (failed or deferred phones, a refused failback). */
    public static final int PARTLY_FAILED = 1;
    /** A usage or configuration error: nothing was attempted. */
    public static final int USAGE = 2;
    /** The daemon does not answer. */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {
    }
}
