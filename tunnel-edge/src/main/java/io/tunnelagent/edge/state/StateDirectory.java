package io.tunnelagent.edge.state;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The directory that holds everything an edge needs to restart as itself. Files are written to a temporary file in
 * the same directory, forced to disk and moved over the old file atomically, so a crash never leaves a half-written
 * file; secret files are created owner-only where the file system has POSIX permissions.
 */
public final class StateDirectory {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path path;
    private final boolean posix;

    private StateDirectory(Path path) {
        this.path = path;
        this.posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Opens a state directory, creating it (owner-only) if needed.
     *
     * @param path the directory
     * @return the state directory
     * @throws StateException if it cannot be created
     */
    public static StateDirectory open(Path path) {
        Path absolute = path.toAbsolutePath();
        try {
            if (!Files.isDirectory(absolute)) {
                Files.createDirectories(absolute);
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rwx------"));
                }
            }
        } catch (IOException ex) {
            throw new StateException(
                    "Could not create the state directory " + absolute
                            + ": check that its parent exists and is writable",
                    ex);
        }
        return new StateDirectory(absolute);
    }

    /**
     * The directory.
     *
     * @return the absolute path
     */
    public Path path() {
        return path;
    }

    /**
     * The path of a file in the directory.
     *
     * @param name the file name
     * @return the path
     */
    public Path resolve(String name) {
        return path.resolve(name);
    }

    /**
     * Reads a file if it exists.
     *
     * @param name the file name
     * @return its content, or empty if there is no such file
     */
    public Optional<byte[]> read(String name) {
        Path file = resolve(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException ex) {
            throw new StateException("Could not read " + file + ": check its permissions", ex);
        }
    }

    /**
     * Replaces a file atomically.
     *
     * @param name the file name
     * @param content the new content
     * @param secret whether only the owner may read it
     */
    public void write(String name, byte[] content, boolean secret) {
        Path target = resolve(name);
        Path temp = null;
        try {
            temp = Files.createTempFile(path, "." + name + ".", ".tmp");
            if (posix) {
                Files.setPosixFilePermissions(temp, secret ? OWNER_ONLY : PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (var channel =
                    Files.newByteChannel(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                ((java.nio.channels.FileChannel) channel).force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException ex) {
            throw new StateException("Could not write " + target + ": check that the state directory is writable", ex);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the move succeeded or the failure is reported above
                }
            }
        }
    }

    /**
     * Whether secret files get owner-only permissions here.
     *
     * @return true on POSIX file systems
     */
    public boolean supportsOwnerOnly() {
        return posix;
    }
}
