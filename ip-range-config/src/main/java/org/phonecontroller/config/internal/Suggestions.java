package org.phonecontroller.config.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "did you mean ...?" by edit distance (optimal string alignment, case-insensitive). */
public final class Suggestions {
    private Suggestions() {
    }

    /** The candidate closest to {@code given}, if it is close enough to be a likely typo. */
    public static Optional<String> closest(String given, Collection<String> candidates) {
        String g = given.toLowerCase(Locale.ROOT);
        // A shortened name first: 'polycom' for 'polycom-rest', 'options' for 'sip-options'.
        if (g.length() >= 3) {
            Optional<String> extended = candidates.stream()
                    .filter(c -> c.toLowerCase(Locale.ROOT).startsWith(g) && !c.equals(given)).findFirst()
                    .or(() -> candidates.stream()
                            .filter(c -> c.toLowerCase(Locale.ROOT).contains(g) && !c.equals(given)).findFirst());
            if (extended.isPresent()) {
                return extended;
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(g, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, given.length() / 3);
        return best != null && bestDistance <= allowed && !best.equals(given) ? Optional.of(best) : Optional.empty();
    }

    /** {@code "; did you mean 'x'?"} or the empty string. */
    public static String didYouMean(String given, Collection<String> candidates) {
        return closest(given, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
    }

    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 10 || a.length() > 100 || b.length() > 100) {
            return Math.max(a.length(), b.length());
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
