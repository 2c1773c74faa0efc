package org.phonecontroller.config.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.ProtocolNames;
import org.phonecontroller.config.ProtocolNames.CredentialKind;
import org.phonecontroller.config.RangeCredentials;

/**
 * Checks that every range finds the credentials its protocols need. Problems are located in the configuration
 * file (at the range), since that is where the reference is made.
 *
 * @param credentials what the credentials file holds (entries with problems are absent)
 * @param writtenKeys every key written in the credentials file, readable or not
 * @param fileShown   the credentials file as messages name it
 * @param state       whether the file was read, is absent, or is broken (then its own problems say enough)
 */
public record CredentialChecks(Credentials credentials, Set<String> writtenKeys, String fileShown, FileState state) {

    /** What became of the credentials file. */
    public enum FileState { READ, ABSENT, BROKEN }

    public void check(List<RangeDraft> ranges, Problems problems) {
        if (state == FileState.BROKEN) {
            return;
        }
        for (RangeDraft draft : ranges) {
            if (!draft.name().isEmpty() && !draft.credentialsKey().isEmpty()) {
                check(draft, problems);
            }
        }
    }

    /** Every {@code asterisk-ami} registrar view finds an {@code ami} user under its key (no {@code default}). */
    public void checkRegistrars(List<AmiReference> references, Problems problems) {
        if (state == FileState.BROKEN) {
            return;
        }
        for (AmiReference ref : references) {
            String where = "phoneManager '" + ref.phoneManager() + "' registrar";
            if (!writtenKeys.contains(ref.key())) {
                String hint = Suggestions.didYouMean(ref.key(), new ArrayList<>(writtenKeys));
                problems.add(ref.node(), where + ": credentials '" + ref.key() + "' are not in " + fileShown
                        + (state == FileState.ABSENT ? ", which does not exist" : hint));
                continue;
            }
            RangeCredentials entry = credentials.byKey().get(ref.key());
            if (entry != null && entry.ami().isEmpty()) {
                problems.add(ref.node(), where + ": credentials '" + ref.key() + "' in " + fileShown
                        + " have no ami: { user, secret }");
            }
        }
    }

    /**
     * Every receiver's {@code credentials:} key is written in the credentials file and holds what the receiver
     * uses: {@code token} (webhook), {@code smtp} (email), {@code snmp} (snmpTrap). Command and syslog take none.
     */
    public void checkReceivers(List<NotifyReader.Located> receivers, Problems problems) {
        if (state == FileState.BROKEN) {
            return;
        }
        for (NotifyReader.Located located : receivers) {
            var receiver = located.receiver();
            if (receiver.credentials().isEmpty()) {
                continue;
            }
            YamlNode at = located.credentialsNode().orElse(located.node());
            String where = "notify " + receiver.name();
            String key = receiver.credentials().get();
            String needed = switch (receiver.destination()) {
                case org.phonecontroller.config.NotifyReceiver.Webhook w -> "token";
                case org.phonecontroller.config.NotifyReceiver.Email e -> "smtp";
                case org.phonecontroller.config.NotifyReceiver.SnmpTrap t -> "snmp";
                default -> "";
            };
            if (needed.isEmpty()) {
                problems.add(at, where + " takes no credentials");
                continue;
            }
            if (!writtenKeys.contains(key)) {
                List<String> known = new ArrayList<>(writtenKeys);
                String hint = Suggestions.didYouMean(key, known);
                problems.add(at, where + ": credentials '" + key + "' are not in " + fileShown
                        + (state == FileState.ABSENT ? ", which does not exist" : hint));
                continue;
            }
            RangeCredentials entry = credentials.byKey().get(key);
            if (entry == null) {
                continue; // written but unreadable: reported in the credentials file
            }
            boolean present = switch (needed) {
                case "token" -> entry.token().isPresent();
                case "smtp" -> entry.smtp().isPresent();
                default -> entry.snmp().isPresent();
            };
            if (!present) {
                problems.add(at, where + " needs '" + needed + "' in credentials '" + key + "' of " + fileShown);
            }
        }
    }

    private void check(RangeDraft draft, Problems problems) {
        String where = "range '" + draft.name() + "'";
        String key = draft.credentialsKey();
        boolean explicit = draft.credentialsNode().isPresent();
        if (explicit && !writtenKeys.contains(key)) {
            List<String> known = new ArrayList<>(writtenKeys);
            String hint = Suggestions.didYouMean(key, known);
            problems.add(draft.credentialsNode().get(), where + ": credentials '" + key + "' are not in " + fileShown
                    + (state == FileState.ABSENT ? ", which does not exist" : hint.isEmpty() ? " (it has: "
                    + (known.isEmpty() ? "nothing" : String.join(", ", known)) + ")" : hint));
            return;
        }
        Set<CredentialKind> needed = new LinkedHashSet<>();
        for (String protocol : draft.protocols()) {
            ProtocolNames.find(protocol).map(ProtocolNames.Spec::credentials)
                    .filter(k -> k != CredentialKind.NONE).ifPresent(needed::add);
        }
        if (needed.isEmpty()) {
            return;
        }
        String usedKey = writtenKeys.contains(key) ? key : Credentials.DEFAULT_KEY;
        if (!writtenKeys.contains(usedKey)) {
            problems.add(draft.nameNode(), where + " uses " + String.join(", ", draft.protocols())
                    + ", which need credentials, but " + (state == FileState.ABSENT
                    ? "there is no credentials file (" + fileShown + ")"
                    : fileShown + " has neither '" + key + "' nor 'default'"));
            return;
        }
        RangeCredentials entry = credentials.byKey().get(usedKey);
        if (entry == null) {
            return; // written but unreadable: reported in the credentials file
        }
        for (CredentialKind kind : needed) {
            boolean present = kind == CredentialKind.SNMP ? entry.snmp().isPresent() : entry.http().isPresent();
            if (!present) {
                List<String> users = draft.protocols().stream()
                        .filter(p -> ProtocolNames.find(p).filter(s -> s.credentials() == kind).isPresent()).toList();
                problems.add(draft.nameNode(), where + " uses " + String.join(", ", users) + ", which needs "
                        + kind.name().toLowerCase(Locale.ROOT) + " credentials, but '" + usedKey + "' in " + fileShown
                        + " has none");
            }
        }
    }
}
