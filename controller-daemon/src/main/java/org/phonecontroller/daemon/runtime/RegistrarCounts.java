package org.phonecontroller.daemon.runtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.phonecontroller.daemon.admin.StatusReport;
import org.phonecontroller.daemon.failover.Registrations;
import org.phonecontroller.daemon.inventory.Phone;
import org.phonecontroller.daemon.inventory.Presence;
import org.phonecontroller.daemon.registrar.RegistrarViews;
import org.phonecontroller.daemon.registrar.ViewState;
import org.phonecontroller.protocols.registrar.RegistrarContact;

/** What the admin API shows of the registrar views: per PhoneManager counts, per phone where it is registered. */
final class RegistrarCounts {
    private final RegistrarViews views;
    private final Set<String> managed = new HashSet<>();
    private final Set<String> present = new HashSet<>();

    RegistrarCounts(RegistrarViews views, List<Phone> inventory) {
        this.views = views;
        for (Phone p : inventory) {
            managed.add(p.address());
            if (p.presence() == Presence.PRESENT) {
                present.add(p.address());
            }
        }
    }

    /** The view of {@code phoneManager} with its counts; null when it has none. */
    StatusReport.RegistrarStatus status(String phoneManager) {
        if (!views.hasView(phoneManager)) {
            return null;
        }
        String kind = views.kind(phoneManager).orElse("");
        return switch (views.state(phoneManager).orElseThrow()) {
            case ViewState.NotReadYet n -> new StatusReport.RegistrarStatus(kind, false, null, null, null, null,
                    "not read yet");
            case ViewState.Unknown u -> new StatusReport.RegistrarStatus(kind, false, null, null, null, null,
                    u.reason());
            case ViewState.Known k -> {
                int registered = (int) present.stream().filter(k.addresses()::contains).count();
                int unknown = 0;
                for (RegistrarContact c : k.contacts()) {
                    boolean ours = c.address().filter(managed::contains).isPresent()
                            || c.received().filter(managed::contains).isPresent();
                    if (!ours) {
                        unknown++;
                    }
                }
                yield new StatusReport.RegistrarStatus(kind, true, k.readAt(), k.contacts().size(), registered,
                        unknown, null);
            }
        };
    }

    /** Where the phone at {@code address} is registered, as {@code phonectl phones} shows it (see PhoneView). */
    static String registeredAt(RegistrarViews views, String address) {
        if (views.phoneManagers().isEmpty()) {
            return null;
        }
        List<String> at = new ArrayList<>();
        for (String pm : views.phoneManagers()) {
            Registrations.Registration r = views.lookup(pm, address);
            if (r == Registrations.Registration.REGISTERED) {
                at.add(pm);
            } else if (r == Registrations.Registration.UNKNOWN) {
                at.add(pm + "?");
            }
        }
        return String.join(",", at);
    }
}
