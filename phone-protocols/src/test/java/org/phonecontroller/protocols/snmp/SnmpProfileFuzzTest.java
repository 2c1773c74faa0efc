package org.phonecontroller.protocols.snmp;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A profile file or a value read from a phone, however broken, is a profile / an address or a clear error: never
 * another exception. Regression mode over {@code SnmpProfileFuzzTestInputs/} in the default build.
 */
class SnmpProfileFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void profilesAreParsedOrRefusedWithProblems(String yaml) {
        try {
            SnmpProfiles.parse("fuzz.yaml", yaml);
        } catch (InvalidSnmpProfileException expected) {
            // listed problems: fine
        }
    }

    @FuzzTest(maxDuration = "60s")
    void registrarValuesAreAddressesOrRefused(String value) {
        for (String format : new String[] {"ADDRTYPE:HOST:PORT", "HOST:PORT", "HOST"}) {
            try {
                new ServerAddressFormat(format).parse(value == null ? "" : value);
            } catch (IllegalArgumentException expected) {
                // not a server address: fine
            }
        }
    }
}
