package org.phonecontroller.daemon.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret every admin request must present as {@code Authorization: Bearer <token>}. It lives in a file that
 * only the service account can read: created at the daemon's first start with 32 random bytes (hex), with POSIX
 * mode 0600 given at creation (never a moment with wider rights), and reused afterwards. The token itself is
 * never logged and never part of {@link #toString()}.
 */
public final class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
    private static final int TOKEN_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final byte[] value;

    private AdminToken(String value) {
        this.value = value.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads the token file, or creates it with a new random token when it does not exist (the daemon's side).
     *
     * @throws UncheckedIOException naming the file and what to do when it cannot be created or read
     */
    public static AdminToken loadOrCreate(Path file, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            String token = HexFormat.of().formatHex(randomBytes(random));
            try {
                Files.write(createOwnerOnly(file), (token + "\n").getBytes(StandardCharsets.US_ASCII));
                log.info("Created the admin token file {} (readable by this account only)", file);
                return new AdminToken(token);
            } catch (FileAlreadyExistsException alreadyThere) {
                warnWhenOthersMayRead(file);
                return read(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the admin token file " + file + ": " + e
                    + ". Check that the service account may write its folder (admin.tokenFile in the configuration).",
                    e);
        }
    }

    /**
     * Reads an existing token file (the CLI's side).
     *
     * @throws UncheckedIOException naming the file and what to do when it is missing, unreadable or empty
     */
    public static AdminToken read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("the admin token file " + file + " does not exist. The daemon creates it"
                    + " at its first start: start the service, or point --config at the daemon's configuration.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin token file " + file + " (" + e.getClass().getSimpleName()
                    + "). Only the service account may read it: run phonectl as that user"
                    + " (e.g. sudo -u phonecontroller phonectl ...) or as root.", e);
        }
        if (text.isEmpty() || !text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new UncheckedIOException(new IOException("the admin token file " + file + " is empty or damaged."
                    + " Delete it and restart the daemon: it writes a new one."));
        }
        return new AdminToken(text);
    }

    /** Whether {@code presented} is this token, in time that does not depend on where they differ. */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(value, presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** The header value to send: {@code Bearer <token>}. */
    public String authorizationHeader() {
        return "Bearer " + new String(value, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "AdminToken[****]";
    }

    private static byte[] randomBytes(SecureRandom random) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Path createOwnerOnly(Path file) throws IOException {
        if (Files.getFileAttributeView(file.toAbsolutePath().getParent(), PosixFileAttributeView.class) != null) {
            FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            return Files.createFile(file, mode);
        }
        // Windows: create, then leave ACL entries for the owner (the service account) and the Administrators
        // group (the counterpart of root, so an elevated phonectl can read it) before anything is written.
        Path created = Files.createFile(file);
        AclFileAttributeView acl = Files.getFileAttributeView(created, AclFileAttributeView.class);
        if (acl != null) {
            List<AclEntry> entries = new ArrayList<>();
            entries.add(allowAll(acl.getOwner()));
            try {
                entries.add(allowAll(created.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByGroupName("Administrators")));
            } catch (IOException | UnsupportedOperationException e) {
                log.debug("No Administrators group to share the admin token with: {}", e.toString());
            }
            acl.setAcl(entries);
        }
        return created;
    }

    private static AclEntry allowAll(UserPrincipal principal) {
        return AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(principal)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                .build();
    }

    private static void warnWhenOthersMayRead(Path file) throws IOException {
        PosixFileAttributeView posix =
                Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (posix != null && !OWNER_ONLY.containsAll(posix.readAttributes().permissions())) {
            log.warn("The admin token file {} has mode {}: others may read the token. Run 'chmod 600 {}'.",
                    file, PosixFilePermissions.toString(posix.readAttributes().permissions()), file);
        }
    }
}
