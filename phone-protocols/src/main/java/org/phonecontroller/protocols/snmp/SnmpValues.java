package org.phonecontroller.protocols.snmp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.phonecontroller.protocols.ServerAddress;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;

/** Converts between profile values (text) and SNMP4J variables. */
final class SnmpValues {

    private SnmpValues() {
    }

    /** The variable to SET for {@code text}; IllegalArgumentException when the text does not fit the type. */
    static Variable toVariable(SnmpProfile.ValueType type, String text) {
        return switch (type) {
            case OCTET_STRING -> new OctetString(text.getBytes(StandardCharsets.UTF_8));
            case INTEGER -> new Integer32(Integer.parseInt(text.trim()));
            case IP_ADDRESS -> {
                if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                    throw new IllegalArgumentException("'" + text + "' is not an IPv4 address; the object is an "
                            + "IpAddress");
                }
                yield new IpAddress(text);
            }
        };
    }

    /** A value as text: OCTET STRING as UTF-8, IpAddress dotted, numbers in decimal. */
    static String text(Variable v) {
        if (v instanceof OctetString s) {
            return new String(s.getValue(), StandardCharsets.UTF_8);
        }
        if (v instanceof IpAddress ip) {
            return ip.getInetAddress().getHostAddress();
        }
        return v.toString();
    }

    /** True for noSuchObject, noSuchInstance and endOfMibView. */
    static boolean absent(Variable v) {
        return v == null || v.isException();
    }

    /**
     * Decodes an InetAddress value of a SIP-UA-MIB row.
     *
     * @param addressType the InetAddressType (1 ipv4, 2 ipv6, 16 dns), or -1 when unknown
     */
    static Optional<ServerAddress> inetAddress(int addressType, Variable v) {
        if (!(v instanceof OctetString s) || s.length() == 0) {
            return Optional.empty();
        }
        byte[] bytes = s.getValue();
        boolean binary = addressType == 1 || addressType == 2 || addressType == 3 || addressType == 4
                || (addressType == -1 && (bytes.length == 4 || bytes.length == 16) && !printable(bytes));
        if (binary) {
            int n = addressType == 2 || addressType == 4 || bytes.length == 16 ? 16 : 4;
            if (bytes.length < n) {
                throw new IllegalArgumentException("an InetAddress of type " + addressType + " has " + bytes.length
                        + " bytes");
            }
            try {
                byte[] raw = java.util.Arrays.copyOf(bytes, n);
                return Optional.of(new ServerAddress(InetAddress.getByAddress(raw).getHostAddress(),
                        ServerAddress.DEFAULT_SIP_PORT));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bad InetAddress bytes", e);
            }
        }
        return Optional.of(ServerAddress.parse(new String(bytes, StandardCharsets.UTF_8)));
    }

    private static boolean printable(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
