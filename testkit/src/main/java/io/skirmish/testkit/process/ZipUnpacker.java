package io.skirmish.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Unpacks a zip once and reuses the result while it is intact.
 *
 * <p>The zip is read through the JDK's zip file system with POSIX attributes enabled, so the
 * executable bits of {@code bin/elasticsearch} survive without an {@code unzip} binary. Files are
 * written to a scratch folder and moved into place; a marker written last records which zip
 * produced the folder, so an interrupted unpack or a different zip triggers a fresh unpack.
 * A file lock makes concurrent JVMs (parallel module builds) take turns.
 */
public final class ZipUnpacker {
    static final String MARKER = ".skirmish-unpacked";

    private ZipUnpacker() {
    }

    /**
     * @param zip      the archive
     * @param parent   folder that receives {@code parent/rootName}
     * @param rootName the single top-level folder inside the zip, e.g. {@code elasticsearch-8.19.21}
     * @return {@code parent/rootName}
     */
    public static Path unpackOnce(Path zip, Path parent, String rootName) {
        Path target = parent.resolve(rootName);
        try {
            Files.createDirectories(parent);
            String fingerprint = fingerprint(zip);
            synchronized (ZipUnpacker.class) {
                try (FileChannel lockFile = FileChannel.open(parent.resolve(rootName + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    FileLock lock = lockFile.lock();
                    try {
                        if (!isIntact(target, fingerprint)) {
                            unpack(zip, parent, rootName, fingerprint);
                        }
                        return target;
                    } finally {
                        lock.release();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + zip + " into " + parent
                    + " (a corrupt zip in the local Maven repository can be deleted and fetched again)", e);
        }
    }

    private static void unpack(Path zip, Path parent, String rootName, String fingerprint) throws IOException {
        Path target = parent.resolve(rootName);
        deleteTree(target);
        Path scratch = Files.createTempDirectory(parent, rootName + ".part-");
        try {
            long entries = extract(zip, scratch);
            Path unpackedRoot = scratch.resolve(rootName);
            if (!Files.isDirectory(unpackedRoot)) {
                throw new IOException(zip + " has no top-level folder " + rootName);
            }
            // The marker is written last: its presence means every file before it is complete.
            Files.writeString(unpackedRoot.resolve(MARKER), fingerprint + " entries=" + entries, StandardCharsets.UTF_8);
            Files.move(unpackedRoot, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(scratch);
        }
    }

    static boolean isIntact(Path target, String fingerprint) throws IOException {
        Path marker = target.resolve(MARKER);
        return Files.isRegularFile(marker)
                && Files.readString(marker, StandardCharsets.UTF_8).startsWith(fingerprint + " ");
    }

    private static String fingerprint(Path zip) throws IOException {
        return "zip=" + zip.toAbsolutePath() + " size=" + Files.size(zip)
                + " mtime=" + Files.getLastModifiedTime(zip).toMillis();
    }

    private static long extract(Path zip, Path destination) throws IOException {
        AtomicLong entries = new AtomicLong();
        try (FileSystem zipFs = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"))) {
            Path root = zipFs.getPath("/");
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path entry : (Iterable<Path>) walk::iterator) {
                    if (entry.equals(root)) {
                        continue;
                    }
                    Path out = destination.resolve(root.relativize(entry).toString()).normalize();
                    if (!out.startsWith(destination)) {
                        throw new IOException("zip entry escapes the target folder: " + entry);
                    }
                    if (Files.isDirectory(entry)) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(entry, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                    applyPermissions(entry, out);
                    entries.incrementAndGet();
                }
            }
        }
        return entries.get();
    }

    private static void applyPermissions(Path entry, Path out) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.readAttributes(entry, PosixFileAttributes.class).permissions();
        } catch (UnsupportedOperationException | IOException e) {
            permissions = null;
        }
        if (permissions == null || permissions.isEmpty()) {
            return; // entry written without Unix attributes: keep the default from the umask
        }
        Set<PosixFilePermission> effective = EnumSet.copyOf(permissions);
        // The owner must always be able to read (and enter) what was unpacked, or it cannot be cleaned up.
        effective.add(PosixFilePermission.OWNER_READ);
        effective.add(PosixFilePermission.OWNER_WRITE);
        if (Files.isDirectory(out)) {
            effective.add(PosixFilePermission.OWNER_EXECUTE);
        }
        Files.setPosixFilePermissions(out, effective);
    }

    /** Deletes a folder tree if it exists. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
