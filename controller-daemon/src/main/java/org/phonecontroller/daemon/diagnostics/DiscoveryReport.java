package org.phonecontroller.daemon.diagnostics;

import java.util.List;

/**
 * One sweep of a range.
 *
 * @param range           the range as named on the command line
 * @param addresses       how many addresses it holds (each asked, and no other)
 * @param sweepKinds      what the sweep asked (SNMP v2c, SIP OPTIONS, TCP connect)
 * @param answered        how many addresses answered the sweep (only those were identified)
 * @param phones          the phones found, by address
 * @param refused         addresses that answered but refused every protocol (credentials, errors)
 * @param notAPhone       addresses that answered the sweep but no protocol recognised as a phone
 * @param durationMillis  from the first request to the last answer
 * @param addressesPerSecond addresses swept per second over the whole run
 * @param ratePerSecond   the cap on requests per second
 */
public record DiscoveryReport(String range, long addresses, List<String> sweepKinds, long answered,
                              List<PhoneReport> phones, List<PhoneReport> refused, long notAPhone, long durationMillis,
                              double addressesPerSecond, int ratePerSecond) {

    public DiscoveryReport {
        sweepKinds = List.copyOf(sweepKinds);
        phones = List.copyOf(phones);
        refused = List.copyOf(refused);
    }
}
