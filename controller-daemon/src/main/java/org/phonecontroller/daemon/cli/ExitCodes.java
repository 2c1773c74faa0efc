package org.phonecontroller.daemon.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code phonectl} exits with: the one list, shown in every command's {@code --help}. */
public final class ExitCodes {
    /** Everything asked for was done. */
    public static final int OK = 0;
    /** Done, but not for everything (e.g. some phones failed), or an unexpected error. */
    public static final int PARTLY_FAILED = 1;
    /** The command line or the configuration is wrong; nothing was done. */
    public static final int USAGE_OR_CONFIG = 2;
    /** The daemon did not answer on its admin endpoint. */
    public static final int DAEMON_UNREACHABLE = 3;

    private ExitCodes() {
    }

    /** Code to description, in order, as {@code --help} shows them. */
    public static Map<String, String> descriptions() {
        Map<String, String> list = new LinkedHashMap<>();
        list.put(Integer.toString(OK), "ok");
        list.put(Integer.toString(PARTLY_FAILED), "partly failed (or an unexpected error)");
        list.put(Integer.toString(USAGE_OR_CONFIG), "usage or configuration error");
        list.put(Integer.toString(DAEMON_UNREACHABLE), "daemon unreachable");
        return list;
    }
}
