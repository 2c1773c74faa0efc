package org.phonecontroller.daemon.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Files from a folder ({@code source: { directory: ... }}); only regular files right in it, at most maxBytes. */
final class DirectorySource implements FileSource {

    private final Path directory;
    private final int maxBytes;

    DirectorySource(Path directory, int maxBytes) {
        this.directory = directory.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
    }

    @Override
    public Optional<byte[]> read(String fileName, String userAgent) throws SourceUnavailable {
        Path file = directory.resolve(fileName).normalize();
        if (!directory.equals(file.getParent()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new SourceUnavailable(file + " is larger than " + maxBytes + " bytes (source.maxBytes)");
            }
            return Optional.of(bytes);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SourceUnavailable("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String describe() {
        return directory.toString();
    }
}
