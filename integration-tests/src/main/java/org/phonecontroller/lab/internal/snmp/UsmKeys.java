package org.phonecontroller.lab.internal.snmp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.smi.OID;

/**
 * USM keys (RFC 3414 A.2, RFC 7860): the expensive password-to-key step (hashing 1 MiB) is done once per password
 * and cached; localising to each phone's engine ID is one cheap hash. So 10,000 v3 agents start in milliseconds.
 */
public final class UsmKeys {
    private final Map<String, byte[]> masterKeys = new ConcurrentHashMap<>();

    /** The SNMP4J protocol OID of an auth protocol name from lab.yaml. */
    public static OID authProtocolOid(String name) {
        return switch (name) {
            case "SHA-1" -> AuthSHA.ID;
            case "SHA-224" -> AuthHMAC128SHA224.ID;
            case "SHA-256" -> AuthHMAC192SHA256.ID;
            case "SHA-384" -> AuthHMAC256SHA384.ID;
            case "SHA-512" -> AuthHMAC384SHA512.ID;
            default -> throw new IllegalArgumentException("unsupported auth protocol " + name);
        };
    }

    static String digestName(String authProtocol) {
        return authProtocol.equals("SHA-1") ? "SHA-1" : authProtocol;
    }

    /** Kul = H(Ku || engineID || Ku), truncated to {@code length} bytes (0 keeps the full digest). */
    public byte[] localizedKey(String authProtocol, String password, byte[] engineId, int length) {
        byte[] ku = masterKeys.computeIfAbsent(authProtocol + "\u0000" + password,
                k -> masterKey(authProtocol, password));
        MessageDigest md = digest(authProtocol);
        md.update(ku);
        md.update(engineId);
        md.update(ku);
        byte[] kul = md.digest();
        return length > 0 && length < kul.length ? Arrays.copyOf(kul, length) : kul;
    }

    private static byte[] masterKey(String authProtocol, String password) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        MessageDigest md = digest(authProtocol);
        byte[] block = new byte[64];
        int index = 0;
        for (int count = 0; count < 1_048_576; count += 64) {
            for (int i = 0; i < 64; i++) {
                block[i] = pw[index++ % pw.length];
            }
            md.update(block);
        }
        return md.digest();
    }

    private static MessageDigest digest(String authProtocol) {
        try {
            return MessageDigest.getInstance(digestName(authProtocol));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + authProtocol, e);
        }
    }
}
