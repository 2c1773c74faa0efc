package org.phonecontroller.daemon.registrar;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.phonecontroller.protocols.registrar.RegistrarContact;

/** What the daemon knows of one PhoneManager's registrar right now. */
public sealed interface ViewState {

    /** Not read yet (just started): unknown. */
    record NotReadYet() implements ViewState {
    }

    /**
     * The last read succeeded.
     *
     * @param contacts  its live contacts
     * @param addresses the IP literals registered (contact addresses and Received)
     * @param readAt    when the read completed
     */
    record Known(List<RegistrarContact> contacts, Set<String> addresses, Instant readAt) implements ViewState {
        public Known {
            contacts = List.copyOf(contacts);
            addresses = Set.copyOf(addresses);
        }
    }

    /**
     * The last read failed: nothing is known (never "nobody registered").
     *
     * @param reason why, e.g. {@code TIMEOUT: no answer from http://…/RPC within 2000ms}
     * @param since  when reads started failing
     */
    record Unknown(String reason, Instant since) implements ViewState {
    }
}
