package org.phonecontroller.config.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.phonecontroller.config.Durations;
import org.phonecontroller.config.RegistrarConfig;

/** Reads a PhoneManager's {@code registrar:} mapping. */
final class RegistrarReader {
    static final List<String> KINDS = List.of("kamailio-jsonrpc", "asterisk-ami");
    private static final List<String> KAMAILIO_KEYS = List.of("kind", "url", "interval", "timeout", "deadline");
    private static final List<String> AMI_KEYS =
            List.of("kind", "address", "credentials", "interval", "timeout", "deadline");
    private static final List<String> ALL_KEYS =
            List.of("kind", "url", "address", "credentials", "interval", "timeout", "deadline");

    private final Problems problems;

    RegistrarReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * The view, when it is readable; a problem for everything else. An {@code asterisk-ami} view's credentials key
     * goes to {@code references}.
     */
    Optional<RegistrarConfig> read(String pm, YamlNode node, List<AmiReference> references) {
        String where = "phoneManager '" + pm + "' registrar";
        Optional<String> kind = Optional.empty();
        if (node instanceof YamlNode.Mapping mapping) {
            Optional<YamlNode> kindNode = mapping.field("kind").map(YamlNode.Field::value);
            if (kindNode.isEmpty()) {
                problems.add(node, where + " has no 'kind' (" + String.join(" or ", KINDS) + ")");
            } else {
                kind = Values.text(kindNode.get(), where + " kind", problems).map(t -> t.strip().toLowerCase(Locale.ROOT))
                        .filter(t -> {
                            if (KINDS.contains(t)) {
                                return true;
                            }
                            problems.add(kindNode.get(), where + ": unknown kind '" + Problems.shorten(t) + "' (known: "
                                    + String.join(", ", KINDS) + ")" + Suggestions.didYouMean(t, KINDS));
                            return false;
                        });
            }
        }
        List<String> keys = kind.map(k -> k.equals("kamailio-jsonrpc") ? KAMAILIO_KEYS : AMI_KEYS).orElse(ALL_KEYS);
        Optional<MappingReader> m = MappingReader.of(node, kind.map(k -> where + " (" + k + ")").orElse(where), keys,
                problems);
        if (m.isEmpty() || kind.isEmpty()) {
            return Optional.empty();
        }
        MappingReader r = m.get();
        int before = problems.size();
        Duration interval = r.get("interval").flatMap(v -> Values.duration(v, where + " interval",
                RegistrarConfig.MIN_INTERVAL, problems)).orElse(RegistrarConfig.DEFAULT_INTERVAL);
        Duration timeout = r.get("timeout").flatMap(v -> Values.duration(v, where + " timeout",
                Duration.ofMillis(100), problems)).orElse(RegistrarConfig.DEFAULT_TIMEOUT);
        Duration deadline = r.get("deadline").flatMap(v -> Values.duration(v, where + " deadline",
                Duration.ofSeconds(1), problems)).orElse(RegistrarConfig.DEFAULT_DEADLINE);
        if (timeout.compareTo(interval) > 0 && problems.size() == before) {
            problems.add(r.get("timeout").orElse(r.mapping()), where + " timeout (" + Durations.format(timeout)
                    + ") is longer than its interval (" + Durations.format(interval) + ")");
        }
        var timing = new RegistrarConfig.Timing(interval, timeout, deadline);
        if (kind.get().equals("kamailio-jsonrpc")) {
            Optional<URI> url = r.require("url").flatMap(v -> Values.text(v, where + " url", problems)
                    .flatMap(t -> url(t.strip(), v, where)));
            return url.isPresent() && problems.size() == before
                    ? Optional.of(new RegistrarConfig.KamailioJsonRpc(url.get(), timing)) : Optional.empty();
        }
        Optional<HostPort> address = r.require("address").flatMap(v -> Values.text(v, where + " address", problems)
                .flatMap(t -> {
                    try {
                        HostPort hp = HostPort.parse(t);
                        if (hp.port().isEmpty()) {
                            problems.add(v, where + " address '" + Problems.shorten(t.strip()) + "' has no port "
                                    + "(AMI listens on 5038 by default: write host:5038)");
                            return Optional.empty();
                        }
                        return Optional.of(hp);
                    } catch (IllegalArgumentException e) {
                        problems.add(v, where + " address: " + e.getMessage());
                        return Optional.empty();
                    }
                }));
        Optional<YamlNode> credentialsNode = r.require("credentials");
        Optional<String> credentials = credentialsNode.flatMap(v -> Values.text(v, where + " credentials", problems))
                .map(String::strip);
        credentials.ifPresent(key -> references.add(new AmiReference(pm, key, credentialsNode.orElseThrow())));
        if (address.isEmpty() || credentials.isEmpty() || problems.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new RegistrarConfig.AsteriskAmi(address.get().host(), address.get().port().orElseThrow(),
                credentials.get(), timing));
    }

    private Optional<URI> url(String text, YamlNode node, String where) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                problems.add(node, where + " url '" + Problems.shorten(text) + "' must be an http:// or https:// URL "
                        + "such as http://10.0.1.10:5060/RPC");
                return Optional.empty();
            }
            if (uri.getUserInfo() != null) {
                problems.add(node, where + " url must not hold a user or password");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            problems.add(node, where + " url is not a URL: " + e.getReason());
            return Optional.empty();
        }
    }
}
