package org.phonecontroller.lab.internal;

import java.util.Arrays;

/** Turns a reply into the kind of garbage a buggy firmware sends: cut short and with flipped bytes. */
public final class Garbler {
    private Garbler() {
    }

    public static byte[] garble(byte[] message) {
        byte[] out = Arrays.copyOf(message, Math.max(1, message.length * 2 / 3));
        for (int i = 0; i < out.length; i += 7) {
            out[i] = (byte) ~out[i];
        }
        return out;
    }
}
