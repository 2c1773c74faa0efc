package org.phonecontroller.daemon.provisioning;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.phonecontroller.daemon.admin.ProvisioningView;
import org.phonecontroller.daemon.inventory.PhoneInventory;
import org.phonecontroller.protocols.provisioning.ProvisioningProfile;
import org.phonecontroller.ranges.IpAddresses;

/** What {@code phonectl provisioning show|preview} ask of the running provisioning server. */
public final class ProvisioningAdmin {

    /** Keys whose values are secrets in every vendor's files (password, passwd, pwd, secret, pin, ...). */
    private static final String SECRET = "[A-Za-z0-9_.\\[\\]-]*(?i:pass|pwd|secret|pin_code|auth_?key)[A-Za-z0-9_.\\[\\]-]*";
    private static final Pattern KEY_VALUE = Pattern.compile("(?m)^(\\s*" + SECRET + "\\s*=\\s*)(.*)$");
    private static final Pattern ELEMENT = Pattern.compile("(<(" + SECRET + ")(\\s[^>]*)?>)[^<]*(</\\2>)");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\s" + SECRET + "\\s*=\\s*\")[^\"]*(\")");

    private final Provisioning provisioning;
    private final PhoneInventory inventory;

    public ProvisioningAdmin(Provisioning provisioning, PhoneInventory inventory) {
        this.provisioning = provisioning;
        this.inventory = inventory;
    }

    /** @throws IllegalArgumentException when {@code phone} is neither an address nor a known MAC */
    public Optional<ProvisioningView> view(String phone, String file, boolean preview) {
        InetAddress address = resolve(phone);
        Optional<ProvisionedRange> range = provisioning.requests().rangeOf(address);
        if (range.isEmpty()) {
            return Optional.empty();
        }
        ProvisioningProfile profile = range.get().profile();
        Optional<Fetch> last = provisioning.ledger().lastConfigFetch(address);
        ProvisioningView.LastFetch lastFetch = last.map(f -> new ProvisioningView.LastFetch(f.at(), f.file(),
                f.status(), f.userAgent(), f.device().model(), f.device().firmware(), f.device().mac(), f.accounts(),
                f.servers().stream().map(Object::toString).toList(), f.detail())).orElse(null);
        ProvisioningView.Preview shown = null;
        if (preview) {
            String name = file != null && !file.isBlank() ? file.strip() : macOf(address, last)
                    .map(m -> profile.files().perMacFile(m)).orElseThrow(() -> new IllegalArgumentException(
                            "the MAC of " + address.getHostAddress() + " is not known yet: give the file name"));
            ProvisioningRequests.Answer answer = provisioning.requests().preview(address, name);
            shown = new ProvisioningView.Preview(name, answer.status(), answer.reason(), answer.status() == 200
                    ? masked(new String(answer.body(), StandardCharsets.UTF_8)) : null);
        }
        return Optional.of(new ProvisioningView(address.getHostAddress(), range.get().name(), profile.name(),
                provisioning.url(), lastFetch, shown));
    }

    private Optional<String> macOf(InetAddress address, Optional<Fetch> last) {
        return last.map(f -> f.device().mac()).filter(m -> !m.isEmpty())
                .or(() -> inventory.find(address).map(p -> p.identity().mac()).filter(m -> !m.isEmpty()));
    }

    private InetAddress resolve(String phone) {
        Optional<InetAddress> literal = IpAddresses.tryParse(phone);
        if (literal.isPresent()) {
            return literal.get();
        }
        String mac = ProvisioningProfile.normalisedMac(phone);
        if (mac.isEmpty()) {
            throw new IllegalArgumentException("'" + phone + "' is neither an IP address nor a MAC");
        }
        return inventory.all().stream().filter(p -> p.identity().mac().equalsIgnoreCase(mac)).findFirst()
                .map(p -> p.identity().address()).orElseThrow(() -> new IllegalArgumentException("no phone with MAC "
                        + mac + " in the inventory"));
    }

    /** The file with the values of password-like keys replaced by {@code ***}. */
    static String masked(String content) {
        String out = KEY_VALUE.matcher(content).replaceAll("$1***");
        out = ELEMENT.matcher(out).replaceAll("$1***$4");
        return ATTRIBUTE.matcher(out).replaceAll("$1***$2");
    }
}
