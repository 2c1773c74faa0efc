package org.phonecontroller.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.phonecontroller.config.internal.ConfigDraft;
import org.phonecontroller.config.internal.ControllerConfigReader;
import org.phonecontroller.config.internal.CredentialChecks;
import org.phonecontroller.config.internal.CredentialChecks.FileState;
import org.phonecontroller.config.internal.CredentialsReader;
import org.phonecontroller.config.internal.NotifyReader;
import org.phonecontroller.config.internal.Problems;
import org.phonecontroller.config.internal.RangeDraft;
import org.phonecontroller.config.internal.YamlNode;
import org.phonecontroller.config.internal.YamlTreeReader;

/**
 * Loads and validates {@code controller.yaml} and its credentials file, all at once: the answer is either a
 * {@link ConfigLoadResult.Valid} configuration or {@link ConfigLoadResult.Invalid} with every problem found,
 * each located as {@code file:line:column}. Never throws for bad input; never resolves host names; never
 * puts a secret into a message. Stateless and thread-safe.
 */
public final class ConfigLoader {
    private static final Set<PosixFilePermission> PRIVATE =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    /** Loads {@code file}; relative paths in it are resolved against its folder. */
    public ConfigLoadResult load(Path file) {
        Problems problems = new Problems(file.toString());
        Optional<byte[]> content = readFile(file, problems);
        if (content.isEmpty()) {
            return new ConfigLoadResult.Invalid(problems.list());
        }
        return load(file, content.get());
    }

    /**
     * Validates {@code content} as if it were the file {@code file} (which need not exist); the credentials
     * file it names is read from disk.
     */
    public ConfigLoadResult load(Path file, byte[] content) {
        Problems problems = new Problems(file.toString());
        Path configDir = file.toAbsolutePath().normalize().getParent();
        Optional<ConfigDraft> draft = YamlTreeReader.read(content, problems)
                .flatMap(root -> ControllerConfigReader.read(root, configDir, problems));
        if (draft.isEmpty()) {
            return new ConfigLoadResult.Invalid(problems.list());
        }
        ConfigDraft d = draft.get();
        Problems credentialProblems = new Problems(shown(d.credentialsFile()));
        CredentialChecks checks = loadCredentials(d, problems, credentialProblems);
        checks.check(d.ranges(), problems);
        checks.checkRegistrars(d.amiReferences(), problems);
        checks.checkReceivers(d.receivers(), problems);

        List<ConfigProblem> all = new ArrayList<>(problems.list());
        all.addAll(credentialProblems.list());
        if (!all.isEmpty()) {
            return new ConfigLoadResult.Invalid(all);
        }
        List<RangeConfig> ranges = d.ranges().stream().map(RangeDraft::config).map(Optional::orElseThrow).toList();
        ControllerConfig config = new ControllerConfig(d.phoneManagers(), ranges, d.probe(), d.failover(), d.scan(),
                d.storage(), d.admin(), d.credentialsFile(), d.profilesDir(), file.toAbsolutePath().normalize(),
                d.receivers().stream().map(NotifyReader.Located::receiver).toList());
        return new ConfigLoadResult.Valid(config, checks.credentials());
    }

    private CredentialChecks loadCredentials(ConfigDraft d, Problems configProblems, Problems problems) {
        Path path = d.credentialsFile();
        String shown = problems.file();
        if (!Files.exists(path)) {
            if (d.credentialsFileNode().isPresent()) {
                configProblems.add(d.credentialsFileNode().get(), "credentials file " + shown + " does not exist");
                return new CredentialChecks(Credentials.NONE, Set.of(), shown, FileState.BROKEN);
            }
            return new CredentialChecks(Credentials.NONE, Set.of(), shown, FileState.ABSENT);
        }
        checkPrivate(path, problems);
        Optional<YamlNode> root = readFile(path, problems).flatMap(bytes -> YamlTreeReader.read(bytes, problems));
        if (root.isEmpty()) {
            return new CredentialChecks(Credentials.NONE, Set.of(), shown, FileState.BROKEN);
        }
        Credentials credentials = CredentialsReader.read(root.get(), problems);
        Set<String> written = new LinkedHashSet<>();
        if (root.get() instanceof YamlNode.Mapping mapping) {
            mapping.fields().stream().map(YamlNode.Field::key).filter(k -> !k.equals(Credentials.STORAGE_KEY))
                    .forEach(written::add);
        }
        return new CredentialChecks(credentials, written, shown, root.get() instanceof YamlNode.Mapping
                ? FileState.READ : FileState.BROKEN);
    }

    /** Secrets must not be readable by anyone but the service account. */
    private static void checkPrivate(Path path, Problems problems) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system (Windows): ACLs are the installer's business
        }
        try {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            if (!PRIVATE.containsAll(permissions)) {
                problems.addForFile("holds secrets but is accessible by group or others (mode "
                        + octal(permissions) + "); refused: run 'chmod 600 " + problems.file()
                        + "'");
            }
        } catch (IOException e) {
            problems.addForFile("cannot read its permissions: " + e.getMessage());
        }
    }

    /** The file's bytes, or empty with a problem saying why not. Reads at most one byte over the size limit. */
    private static Optional<byte[]> readFile(Path path, Problems problems) {
        if (Files.isDirectory(path)) {
            problems.addForFile("is a folder, not a file");
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(path)) {
            return Optional.of(in.readNBytes(YamlTreeReader.MAX_BYTES + 1));
        } catch (NoSuchFileException e) {
            problems.addForFile("does not exist");
        } catch (AccessDeniedException e) {
            problems.addForFile("cannot be read: permission denied");
        } catch (IOException e) {
            problems.addForFile("cannot be read: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** How messages name a file: relative to the working directory when below it, else absolute. */
    private static String shown(Path absolute) {
        Path cwd = Path.of("").toAbsolutePath();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
    }

    /** {@code 0644} for rw-r--r--. */
    private static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal()); // the enum runs from OWNER_READ (0400) to OTHERS_EXECUTE (0001)
        }
        return String.format("0%03o", mode);
    }
}
