package org.phonecontroller.lab.internal;

import java.time.InstantSource;
import java.util.List;
import java.util.random.RandomGenerator;
import org.phonecontroller.lab.LabConfig.PhoneTimers;
import org.phonecontroller.protocols.ServerAddress;

/**
 * What every simulated phone shares: the one timer thread, the clock, seeded randomness, its SIP sender and the
 * lab's statistics. Passed to each phone instead of giving it threads of its own.
 */
public record PhoneServices(LabTimers timers, InstantSource clock, RandomGenerator random, PhoneTimers sipTimers,
                            int sipPort, SipSender sip, ChangeListener changes, ProvisioningFetcher provisioning) {

    /** Sends a phone's SIP messages from its own address. */
    public interface SipSender {
        void send(SimulatedPhone phone, ServerAddress to, byte[] message);
    }

    /** Told about every server change a phone applies (for per-PhoneManager statistics). */
    public interface ChangeListener {
        void serversChanged(SimulatedPhone phone, List<ServerAddress> servers);
    }

    /** Fetches a phone's provisioning file and applies it (NOTIFY check-sync). */
    public interface ProvisioningFetcher {
        void fetchAndApply(SimulatedPhone phone, String url);
    }

    /** A random double in [0,1), drawn under a lock so one seeded generator serves every thread. */
    public double nextFraction() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    /** A random long, drawn under the same lock. */
    public long nextLong() {
        synchronized (random) {
            return random.nextLong();
        }
    }
}
