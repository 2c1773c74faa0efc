package org.phonecontroller.bench.http;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Hands out the phones in turn, so consecutive operations talk to different addresses and a phone comes back only
 * after all others: with more phones than the clients keep idle connections, every phone exchange opens a
 * connection, as each phone of a failover does. Not thread-safe: one per benchmark thread.
 */
public final class PhoneRotation {

    private final List<InetSocketAddress> phones;
    private int next;
    private long handedOut;

    public PhoneRotation(List<InetSocketAddress> phones) {
        if (phones.isEmpty()) {
            throw new IllegalArgumentException("no phones to rotate");
        }
        this.phones = List.copyOf(phones);
    }

    public InetSocketAddress next() {
        InetSocketAddress phone = phones.get(next);
        next = (next + 1) % phones.size();
        handedOut++;
        return phone;
    }

    /** The index the next call of {@link #next()} returns. */
    public int nextIndex() {
        return next;
    }

    /** How many phones were handed out so far. */
    public long handedOut() {
        return handedOut;
    }

    /** How many complete rounds over all phones were made so far. */
    public long rounds() {
        return handedOut / phones.size();
    }
}
