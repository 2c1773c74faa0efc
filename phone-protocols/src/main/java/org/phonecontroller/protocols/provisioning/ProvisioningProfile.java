package org.phonecontroller.protocols.provisioning;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phonecontroller.protocols.Transport;

/**
 * What the controller knows about one vendor's provisioning, as data (YAML, see {@code docs/provisioning.md}): the
 * files the phones fetch, their format, the keys of each account's server slots, how to recognise the phones, how to
 * make them fetch again without a reboot, and the keys every served file carries.
 *
 * @param name          the name used in {@code provisioning:<name>}
 * @param description   free text
 * @param vendor        the vendor as the inventory shows it
 * @param files         the file names the phones fetch
 * @param format        the files' format
 * @param accounts      how many accounts the keys are repeated for ({@code {account}} in a key is 1..accounts)
 * @param servers       server slot 1, 2, ... of an account; keys may hold {@code {account}}
 * @param recognition   how a phone of the vendor shows itself
 * @param trigger       how the phone is asked to fetch again
 * @param requiredKeys  set in every served file (e.g. Yealink {@code sip.notify_reboot_enable = 0}), in order
 * @param template      the file served when there is no source; {@code ${primary.host}}, {@code ${primary.port}},
 *                      {@code ${fallback.host}}, {@code ${fallback.port}} are replaced
 * @param source        where the profile was read from, for messages
 */
public record ProvisioningProfile(String name, String description, String vendor, Files files, FileFormat format,
                                  int accounts, List<ServerSlot> servers, Recognition recognition, Trigger trigger,
                                  Map<String, String> requiredKeys, Optional<String> template, String source) {

    public ProvisioningProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(format, "format");
        servers = List.copyOf(servers);
        Objects.requireNonNull(recognition, "recognition");
        Objects.requireNonNull(trigger, "trigger");
        requiredKeys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requiredKeys));
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(source, "source");
        if (accounts < 1) {
            throw new IllegalArgumentException("accounts must be at least 1");
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a profile needs at least one server slot");
        }
    }

    /**
     * The file names of a phone.
     *
     * @param perMac  patterns with {@code {mac}} (12 hex digits, see {@code upperCaseMac}), e.g. {@code {mac}.cfg}
     * @param common  regular expressions of the files every phone of a model fetches, e.g. {@code y0000000000..\.cfg}
     * @param upperCaseMac whether the MAC is written in upper case in file names
     */
    public record Files(List<String> perMac, List<Pattern> common, boolean upperCaseMac) {
        public Files {
            perMac = List.copyOf(perMac);
            common = List.copyOf(common);
        }

        /** The MAC ({@code 805ec0d57d72}) when {@code fileName} is one of the per-MAC files. */
        public Optional<String> macOf(String fileName) {
            for (String pattern : perMac) {
                int at = pattern.indexOf("{mac}");
                String before = pattern.substring(0, at);
                String after = pattern.substring(at + 5);
                if (fileName.length() == before.length() + 12 + after.length() && fileName.startsWith(before)
                        && fileName.endsWith(after)) {
                    String mac = fileName.substring(before.length(), before.length() + 12);
                    if (mac.matches(upperCaseMac ? "[0-9A-F]{12}" : "[0-9a-f]{12}")) {
                        return Optional.of(mac.toLowerCase(Locale.ROOT));
                    }
                }
            }
            return Optional.empty();
        }

        public boolean isCommon(String fileName) {
            return common.stream().anyMatch(p -> p.matcher(fileName).matches());
        }

        /** Whether the controller renders the file (overlay); other files pass through untouched. */
        public boolean isConfigFile(String fileName) {
            return macOf(fileName).isPresent() || isCommon(fileName);
        }

        /** The first per-MAC file name of a phone ({@code mac} as 12 hex digits or with colons). */
        public String perMacFile(String mac) {
            String hex = mac.replace(":", "").replace("-", "");
            return perMac.get(0).replace("{mac}", upperCaseMac ? hex.toUpperCase(Locale.ROOT)
                    : hex.toLowerCase(Locale.ROOT));
        }
    }

    /** The files' format. */
    public enum FileFormat {
        /** Lines {@code key = value} (Yealink, Fanvil .cfg); {@code #} and {@code ;} start comments. */
        KEY_VALUE,
        /** XML whose keys are element paths (Cisco MPP, Grandstream, Snom, Fanvil XML). */
        XML_ELEMENTS,
        /** XML whose keys are attribute names on any element (Poly/Polycom). */
        XML_ATTRIBUTES;

        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One server slot of an account.
     *
     * @param address         the key of the server's host ({@code {account}} replaced)
     * @param port            the key of its port, if the vendor has one
     * @param transport       the key of its transport, if the vendor has one
     * @param transportValues how the transport is written (e.g. udp → 0)
     * @param addressWithPort whether the address key holds {@code host:port} (Cisco {@code Proxy_1_}, Grandstream)
     */
    public record ServerSlot(String address, Optional<String> port, Optional<String> transport,
                             Map<Transport, String> transportValues, boolean addressWithPort) {
        public ServerSlot {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(transport, "transport");
            transportValues = Map.copyOf(transportValues);
        }

        public String addressKey(int account) {
            return address.replace("{account}", Integer.toString(account));
        }

        public Optional<String> portKey(int account) {
            return port.map(k -> k.replace("{account}", Integer.toString(account)));
        }

        public Optional<String> transportKey(int account) {
            return transport.map(k -> k.replace("{account}", Integer.toString(account)));
        }
    }

    /**
     * How a phone shows itself.
     *
     * @param sipUserAgent  matches the User-Agent of its SIP answers (OPTIONS in a sweep)
     * @param httpUserAgent matches the User-Agent of its fetches; named groups {@code model}, {@code firmware},
     *                      {@code mac} are taken when present
     */
    public record Recognition(Optional<Pattern> sipUserAgent, Optional<Pattern> httpUserAgent) {
        public Recognition {
            Objects.requireNonNull(sipUserAgent, "sipUserAgent");
            Objects.requireNonNull(httpUserAgent, "httpUserAgent");
        }

        public boolean isSipUserAgent(String userAgent) {
            return sipUserAgent.map(p -> p.matcher(userAgent).find()).orElse(false);
        }

        /** Model, firmware and MAC from a fetch's User-Agent, when it is this vendor's. */
        public Optional<Device> fromHttpUserAgent(String userAgent) {
            if (httpUserAgent.isEmpty() || userAgent == null) {
                return Optional.empty();
            }
            Matcher m = httpUserAgent.get().matcher(userAgent);
            if (!m.find()) {
                return Optional.empty();
            }
            return Optional.of(new Device(group(m, "model"), group(m, "firmware"), normalisedMac(group(m, "mac"))));
        }

        private static String group(Matcher m, String name) {
            try {
                String v = m.group(name);
                return v == null ? "" : v;
            } catch (IllegalArgumentException e) {
                return ""; // the pattern has no such group
            }
        }
    }

    /** What a fetch says about the phone; empty strings where it says nothing. MAC as {@code 80:5e:c0:d5:7d:72}. */
    public record Device(String model, String firmware, String mac) {
    }

    /**
     * How the phone is asked to fetch its files again, never with a reboot.
     *
     * @param notifyEvent the {@code Event} of a SIP NOTIFY, e.g. {@code check-sync;reboot=false}
     * @param actionUrl   a vendor HTTP action on the phone, {@code {phone}} replaced by its address
     */
    public record Trigger(Optional<String> notifyEvent, Optional<String> actionUrl) {
        public Trigger {
            Objects.requireNonNull(notifyEvent, "notifyEvent");
            Objects.requireNonNull(actionUrl, "actionUrl");
        }
    }

    /** {@code 805EC0D57D72} or {@code 80-5e-...} → {@code 80:5e:c0:d5:7d:72}; empty when not a MAC. */
    public static String normalisedMac(String text) {
        if (text == null) {
            return "";
        }
        String hex = text.replaceAll("[:\\-.]", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{12}")) {
            return "";
        }
        StringBuilder b = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                b.append(':');
            }
            b.append(hex, i, i + 2);
        }
        return b.toString();
    }
}
