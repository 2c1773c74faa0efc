package org.phonecontroller.protocols.snmp;

import java.util.regex.Pattern;

/** Checks dotted OIDs as profiles write them, so a typo fails when the profile loads, not at the phone. */
final class Oids {

    private static final Pattern DOTTED = Pattern.compile("[0-2](\\.(0|[1-9]\\d{0,9}))+");

    private Oids() {
    }

    static String requireValid(String oid) {
        if (oid == null || !DOTTED.matcher(oid).matches()) {
            throw new IllegalArgumentException("'" + oid + "' is not a dotted OID such as 1.3.6.1.2.1.1.2.0");
        }
        return oid;
    }
}
