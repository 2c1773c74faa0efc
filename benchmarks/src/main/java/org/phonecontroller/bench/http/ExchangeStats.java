package org.phonecontroller.bench.http;

import java.util.Locale;

/** What the fake phones counted, per phone exchange: proves the pattern (and that no connection was reused). */
final class ExchangeStats {

    private ExchangeStats() {
    }

    static String describe(String client, String stats, long exchanges) {
        if (exchanges == 0) {
            return "[" + client + "] no phone exchange ran";
        }
        double n = exchanges;
        return String.format(Locale.ROOT, "[%s] fake phones, per phone exchange: %.2f HTTP requests, %.2f challenged"
                        + " (401), %.2f of them stale nonce, %.2f TCP connections (%d exchanges)", client,
                FakePhoneProcess.counter(stats, "requests") / n, FakePhoneProcess.counter(stats, "challenges") / n,
                FakePhoneProcess.counter(stats, "stale") / n, FakePhoneProcess.counter(stats, "connections") / n,
                exchanges);
    }
}
