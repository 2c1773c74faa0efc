package org.phonecontroller.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The protocol names a range may list under {@code protocols}, and which credentials each needs. The one
 * place to extend when an adapter is added.
 */
public final class ProtocolNames {

    /** Which part of a range's credentials a protocol uses. */
    public enum CredentialKind { NONE, SNMP, HTTP }

    /** A known protocol name; {@code prefix} names take a suffix, e.g. {@code snmp:<profile>}. */
    public record Spec(String name, boolean prefix, CredentialKind credentials, String description) {
    }

    /** Every protocol the daemon knows, in documentation order. */
    public static final List<Spec> KNOWN = List.of(
            new Spec("snmp:", true, CredentialKind.SNMP, "SNMP with the named profile, e.g. snmp:sip-ua-generic"),
            new Spec("polycom-rest", false, CredentialKind.HTTP, "Polycom REST API"),
            new Spec("snom-http", false, CredentialKind.HTTP, "Snom settings URL"),
            new Spec("grandstream-http", false, CredentialKind.HTTP, "Grandstream CGI"),
            new Spec("provisioning:", true, CredentialKind.NONE,
                    "the controller as provisioning server, with the named profile, e.g. provisioning:yealink"));

    /**
     * Names that are refused with advice instead of "unknown": once accepted, or what admins are likely to write.
     * Whether the profile of a prefix name exists ({@code snmp:typo}) is checked by the daemon's
     * {@link ProtocolCheck}, which knows the profiles.
     */
    public static final Map<String, String> REFUSED = Map.of("sip-notify", "sip-notify can trigger a "
            + "re-provisioning but cannot read or verify a phone's servers, so the daemon never used it; use "
            + "provisioning:<profile> (e.g. provisioning:yealink), which serves the phones' files with the servers set "
            + "and triggers them with SIP NOTIFY");

    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private ProtocolNames() {
    }

    /** The spec that {@code name} matches, if it is a known protocol name. */
    public static Optional<Spec> find(String name) {
        for (Spec spec : KNOWN) {
            if (spec.prefix() ? name.startsWith(spec.name()) && PROFILE.matcher(name.substring(spec.name().length()))
                    .matches() : name.equals(spec.name())) {
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }

    /** The names as shown to admins: {@code snmp:<profile>, polycom-rest, ...}. */
    public static List<String> displayNames() {
        return KNOWN.stream().map(s -> s.prefix() ? s.name() + "<profile>" : s.name()).toList();
    }
}
