package org.phonecontroller.daemon.diagnostics;

import java.util.List;

/**
 * One sweep of a range.
 *
 * @param range           the range as named on the command line
 * @param addresses       how many addresses it holds (each asked, and no other)
 * @param sweepKinds      what the fast sweep asked (SNMP v2c, SIP OPTIONS), empty when none applied
 * @param askedDirectly   how many addresses were asked with the protocols themselves
 * @param phones          the phones found, by address
 * @param refused         addresses that answered but refused every protocol (credentials, errors)
 * @param durationMillis  from the first request to the last answer
 * @param addressesPerSecond addresses swept per second over the whole run
 * @param ratePerSecond   the cap on requests per second
 */
public record DiscoveryReport(String range, long addresses, List<String> sweepKinds, long askedDirectly,
                              List<PhoneReport> phones, List<PhoneReport> refused, long durationMillis,
                              double addressesPerSecond, int ratePerSecond) {

    public DiscoveryReport {
        sweepKinds = List.copyOf(sweepKinds);
        phones = List.copyOf(phones);
        refused = List.copyOf(refused);
    }
}
