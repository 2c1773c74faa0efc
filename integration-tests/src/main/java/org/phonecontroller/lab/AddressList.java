package org.phonecontroller.lab;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An immutable, compact list of IPv4 addresses (as ints), in the order phones are created. */
public final class AddressList {
    private final int[] addresses;

    private AddressList(int[] addresses) {
        this.addresses = addresses;
    }

    public static AddressList of(int[] addresses) {
        return new AddressList(addresses.clone());
    }

    public int size() {
        return addresses.length;
    }

    public int get(int index) {
        return addresses[index];
    }

    public int[] toArray() {
        return addresses.clone();
    }

    /** The dotted form of an address held as an int. */
    public static String format(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    /** The int form of a dotted IPv4 address. */
    public static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    public static Inet4Address toInet(int address) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {
                    (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressList other && Arrays.equals(addresses, other.addresses);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(addresses);
    }

    @Override
    public String toString() {
        return addresses.length == 0 ? "[]"
                : "[" + format(addresses[0]) + " .. " + format(addresses[addresses.length - 1]) + ", "
                + addresses.length + " addresses]";
    }
}
