package org.phonecontroller.config.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.phonecontroller.config.AmiCredentials;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.HttpCredentials;
import org.phonecontroller.config.RangeCredentials;
import org.phonecontroller.config.SnmpCredentials;
import org.phonecontroller.config.SnmpCredentials.AuthProtocol;
import org.phonecontroller.config.SnmpCredentials.PrivProtocol;

/**
 * Reads the credentials file. Messages name keys and never a secret value: passwords and communities are only
 * ever read through {@link Values#text}, which does not quote.
 */
public final class CredentialsReader {
    /** SNMPv3 (RFC 3414) keys are derived from passwords of at least 8 characters; agents refuse shorter ones. */
    static final int MIN_V3_PASSWORD = 8;
    private static final List<String> ENTRY_KEYS = List.of("snmp", "http", "ami", "smtp", "token");
    private static final List<String> V2C_KEYS = List.of("version", "community");
    private static final List<String> V3_KEYS =
            List.of("version", "user", "authProtocol", "authPassword", "privProtocol", "privPassword");
    private static final List<String> ALL_SNMP_KEYS =
            List.of("version", "community", "user", "authProtocol", "authPassword", "privProtocol", "privPassword");

    private final Problems problems;

    private CredentialsReader(Problems problems) {
        this.problems = problems;
    }

    /** The credentials in {@code root}; everything readable is kept, every problem reported. */
    public static Credentials read(YamlNode root, Problems problems) {
        return new CredentialsReader(problems).credentials(root);
    }

    private Credentials credentials(YamlNode root) {
        if (!(root instanceof YamlNode.Mapping mapping)) {
            if (root instanceof YamlNode.Reported) {
                return Credentials.NONE;
            }
            problems.add(root, "the credentials file must map keys (range names, 'default', 'storage') to "
                    + "credentials, not " + root.kind());
            return Credentials.NONE;
        }
        Map<String, RangeCredentials> byKey = new LinkedHashMap<>();
        Optional<String> storagePassword = Optional.empty();
        for (YamlNode.Field field : mapping.fields()) {
            if (field.key().equals(Credentials.STORAGE_KEY)) {
                storagePassword = MappingReader.ofSecrets(field.value(), "credentials 'storage'", List.of("password"),
                                problems)
                        .flatMap(r -> r.require("password"))
                        .flatMap(v -> Values.text(v, "credentials 'storage' password", problems));
                continue;
            }
            if (!TopologyReader.NAME.matcher(field.key()).matches()) {
                problems.add(field, "credentials key '" + Problems.shorten(field.key()) + "' is not a range name "
                        + "(letters, digits, '.', '_', '-'), 'default' or 'storage'");
                continue;
            }
            entry(field).ifPresent(c -> byKey.put(field.key(), c));
        }
        return new Credentials(byKey, storagePassword);
    }

    private Optional<RangeCredentials> entry(YamlNode.Field field) {
        String where = "credentials '" + field.key() + "'";
        Optional<MappingReader> m = MappingReader.ofSecrets(field.value(), where, ENTRY_KEYS, problems);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        if (m.get().mapping().fields().isEmpty()) {
            problems.add(field, where + " has no credentials (snmp, http, ami, smtp or token)");
            return Optional.empty();
        }
        Optional<YamlNode> snmpNode = m.get().get("snmp");
        Optional<YamlNode> httpNode = m.get().get("http");
        Optional<YamlNode> amiNode = m.get().get("ami");
        Optional<SnmpCredentials> snmp = snmpNode.flatMap(v -> snmp(v, where + " snmp"));
        Optional<HttpCredentials> http = httpNode.flatMap(v -> http(v, where + " http"));
        Optional<AmiCredentials> ami = amiNode.flatMap(v -> ami(v, where + " ami"));
        Optional<YamlNode> smtpNode = m.get().get("smtp");
        Optional<YamlNode> tokenNode = m.get().get("token");
        Optional<HttpCredentials> smtp = smtpNode.flatMap(v -> http(v, where + " smtp"));
        Optional<String> token = tokenNode.flatMap(v -> Values.text(v, where + " token", problems));
        if (snmpNode.isPresent() && snmp.isEmpty() || httpNode.isPresent() && http.isEmpty()
                || amiNode.isPresent() && ami.isEmpty()
                || smtpNode.isPresent() && smtp.isEmpty() || tokenNode.isPresent() && token.isEmpty()) {
            return Optional.empty(); // reported; an entry is used whole or not at all
        }
        return Optional.of(new RangeCredentials(snmp, http, ami, smtp, token));
    }

    /** An Asterisk manager.conf user: {@code ami: { user: phonecontroller, secret: "…" }}. */
    private Optional<AmiCredentials> ami(YamlNode node, String where) {
        return MappingReader.ofSecrets(node, where, List.of("user", "secret"), problems).flatMap(r -> {
            Optional<String> user = r.require("user").flatMap(v -> Values.text(v, where + " user", problems));
            Optional<String> secret = r.require("secret").flatMap(v -> Values.text(v, where + " secret", problems));
            return user.isPresent() && secret.isPresent()
                    ? Optional.of(new AmiCredentials(user.get(), secret.get())) : Optional.empty();
        });
    }

    private Optional<HttpCredentials> http(YamlNode node, String where) {
        return MappingReader.ofSecrets(node, where, List.of("user", "password"), problems).flatMap(r -> {
            Optional<String> user = r.require("user").flatMap(v -> Values.text(v, where + " user", problems));
            Optional<String> password = r.require("password")
                    .flatMap(v -> Values.text(v, where + " password", problems));
            return user.isPresent() && password.isPresent()
                    ? Optional.of(new HttpCredentials(user.get(), password.get())) : Optional.empty();
        });
    }

    private Optional<SnmpCredentials> snmp(YamlNode node, String where) {
        Optional<String> version = Optional.empty();
        if (node instanceof YamlNode.Mapping mapping) {
            Optional<YamlNode> v = mapping.field("version").map(YamlNode.Field::value);
            if (v.isEmpty()) {
                problems.add(node, where + " has no 'version' (2c or 3)");
            } else {
                version = Values.text(v.get(), where + " version", problems)
                        .map(t -> t.strip().toLowerCase(Locale.ROOT))
                        .map(t -> t.startsWith("v") ? t.substring(1) : t).filter(t -> {
                            if (t.equals("2c") || t.equals("3")) {
                                return true;
                            }
                            problems.add(v.get(), where + " version must be 2c or 3, not '" + Problems.shorten(t) + "'"
                                    + (t.equals("2") ? " (SNMPv2c is written 2c)" : t.equals("1") ? " (SNMPv1 is not "
                                    + "supported)" : ""));
                            return false;
                        });
            }
        }
        List<String> keys = version.map(v -> v.equals("2c") ? V2C_KEYS : V3_KEYS).orElse(ALL_SNMP_KEYS);
        String label = version.map(v -> where + " (version " + v + ")").orElse(where);
        Optional<MappingReader> m = MappingReader.ofSecrets(node, label, keys, problems);
        if (m.isEmpty() || version.isEmpty()) {
            return Optional.empty();
        }
        MappingReader r = m.get();
        if (version.get().equals("2c")) {
            return r.require("community").flatMap(v -> Values.text(v, where + " community", problems))
                    .map(SnmpCredentials.V2c::new);
        }
        return v3(r, where);
    }

    private Optional<SnmpCredentials> v3(MappingReader r, String where) {
        int before = problems.size();
        Optional<String> user = r.require("user").flatMap(v -> Values.text(v, where + " user", problems));
        Map<String, AuthProtocol> auths = new LinkedHashMap<>();
        for (AuthProtocol p : AuthProtocol.values()) {
            auths.put(p.yamlName(), p);
        }
        Map<String, PrivProtocol> privs = new LinkedHashMap<>();
        for (PrivProtocol p : PrivProtocol.values()) {
            privs.put(p.yamlName(), p);
        }
        privs.put("AES", PrivProtocol.AES_128);
        Optional<YamlNode> authNode = r.get("authProtocol");
        Optional<YamlNode> privNode = r.get("privProtocol");
        Optional<AuthProtocol> authChoice = authNode.flatMap(v -> Values.choice(v, where + " authProtocol", auths,
                problems));
        Optional<PrivProtocol> privChoice = privNode.flatMap(v -> Values.choice(v, where + " privProtocol", privs,
                problems));
        // A protocol written but misspelt still means "a password belongs here": check the passwords as well.
        AuthProtocol auth = authChoice.orElse(AuthProtocol.NONE);
        PrivProtocol priv = privChoice.orElse(PrivProtocol.NONE);
        boolean authMeant = auth != AuthProtocol.NONE || authNode.isPresent() && authChoice.isEmpty();
        boolean privMeant = priv != PrivProtocol.NONE || privNode.isPresent() && privChoice.isEmpty();
        Optional<String> authPassword = password(r, "authPassword", where, authMeant, "authProtocol");
        Optional<String> privPassword = password(r, "privPassword", where, privMeant, "privProtocol");
        if (!authMeant && priv != PrivProtocol.NONE) {
            problems.add(privNode.orElseThrow(), where + ": privacy (privProtocol) needs authentication; "
                    + "set authProtocol and authPassword too");
        }
        if (problems.size() != before || user.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SnmpCredentials.V3(user.get(), auth, authPassword, priv, privPassword));
    }

    private Optional<String> password(MappingReader r, String key, String where, boolean needed, String protocolKey) {
        Optional<YamlNode> node = r.get(key);
        if (node.isEmpty()) {
            if (needed) {
                problems.add(r.field(protocolKey).orElseThrow(), where + " sets " + protocolKey + " but has no " + key);
            }
            return Optional.empty();
        }
        if (!needed) {
            problems.add(r.field(key).orElseThrow(), where + " has " + key + " but no " + protocolKey
                    + "; name the protocol (" + (key.startsWith("auth") ? "e.g. SHA-256" : "e.g. AES-128") + ")");
            return Optional.empty();
        }
        Optional<String> value = Values.text(node.get(), where + " " + key, problems);
        if (value.isPresent() && value.get().length() < MIN_V3_PASSWORD) {
            problems.add(node.get(), where + " " + key + " is shorter than " + MIN_V3_PASSWORD
                    + " characters, which SNMPv3 agents refuse");
            return Optional.empty();
        }
        return value;
    }
}
