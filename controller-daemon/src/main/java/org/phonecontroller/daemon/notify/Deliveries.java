package org.phonecontroller.daemon.notify;

import java.util.Optional;
import org.phonecontroller.config.NotifyReceiver;
import org.phonecontroller.config.RangeCredentials;

/** Builds the transport of a receiver. */
final class Deliveries {
    private Deliveries() {
    }

    static Delivery of(NotifyReceiver receiver, Optional<RangeCredentials> secret) {
        return switch (receiver.destination()) {
            case NotifyReceiver.Command c -> new CommandDelivery(c.program());
            case NotifyReceiver.Webhook w -> new WebhookDelivery(w.url(), secret.flatMap(RangeCredentials::token));
            case NotifyReceiver.Email e -> new EmailDelivery(e, secret.flatMap(RangeCredentials::smtp));
            case NotifyReceiver.SnmpTrap t -> new SnmpTrapDelivery(t, secret.flatMap(RangeCredentials::snmp));
            case NotifyReceiver.Syslog s -> new SyslogDelivery(s);
        };
    }
}
