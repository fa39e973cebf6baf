package io.skirmish.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account a root JVM uses to run programs that refuse root (Elasticsearch exits with
 * "can not run elasticsearch as root"). CI machines run the build as root, so the fixtures switch
 * user instead of asking every machine to be set up by hand.
 *
 * <p>The account is {@code SKIRMISH_ES_USER} if set, else {@code skirmish}, created with
 * {@code useradd --system} when missing. Files it must write are handed over with {@link #chown},
 * and {@link #canTraverse} tells whether it can reach a folder at all (a root-only {@code 0700}
 * home directory on the way makes every folder below it unreachable).
 */
public final class UnprivilegedUser {
    private static final Logger LOG = LoggerFactory.getLogger(UnprivilegedUser.class);
    public static final String USER_ENV = "SKIRMISH_ES_USER";
    public static final String DEFAULT_NAME = "skirmish";

    private final String name;
    private final String group;

    private UnprivilegedUser(String name, String group) {
        this.name = name;
        this.group = group;
    }

    /** True when this JVM runs with user id 0. */
    public static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Looks the account up, creating a system account when it does not exist (we are root). */
    public static synchronized UnprivilegedUser obtain(Map<String, String> env) {
        String name = env.getOrDefault(USER_ENV, DEFAULT_NAME);
        if (name.isBlank() || "root".equals(name)) {
            throw new IllegalArgumentException(USER_ENV + " must name a non-root account: '" + name + "'");
        }
        if (run(List.of("id", "-u", name)).exitCode() != 0) {
            Path useradd = Executables.require("useradd", "SKIRMISH_USERADD",
                    "install it with `apt-get install -y passwd`, or create a non-root user and set " + USER_ENV, env);
            Result created = run(List.of(useradd.toString(), "--system", "--user-group", "--no-create-home",
                    "--shell", "/usr/sbin/nologin", name));
            // exit code 9 = created concurrently by another JVM: fine
            if (created.exitCode() != 0 && created.exitCode() != 9) {
                throw new MissingPrerequisiteException("could not create system user '" + name + "' (useradd exit code "
                        + created.exitCode() + "): " + created.output().strip()
                        + ". Create a non-root account and set " + USER_ENV + " to its name.");
            }
            LOG.info("created system user {} to run processes that refuse root", name);
        }
        Result groupName = run(List.of("id", "-gn", name));
        if (groupName.exitCode() != 0) {
            throw new IllegalStateException("could not read the primary group of " + name + ": " + groupName.output());
        }
        return new UnprivilegedUser(name, groupName.output().strip());
    }

    public String name() {
        return name;
    }

    /** The command prefix that runs the rest of a command line as this account, keeping the environment. */
    public List<String> commandPrefix(Map<String, String> env) {
        var setpriv = Executables.find("setpriv", env);
        if (setpriv.isPresent()) {
            // setpriv execs in place (same pid): stopping the launched process stops the program itself
            return List.of(setpriv.get().toString(), "--reuid=" + name, "--regid=" + group, "--init-groups", "--");
        }
        Path runuser = Executables.require("runuser", "SKIRMISH_RUNUSER",
                "install util-linux (`apt-get install -y util-linux`) which provides setpriv and runuser", env);
        return List.of(runuser.toString(), "-u", name, "--");
    }

    /** Gives {@code dir} and everything below it to this account. */
    public void chown(Path dir) {
        try {
            UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal owner = lookup.lookupPrincipalByName(name);
            GroupPrincipal ownerGroup = lookup.lookupPrincipalByGroupName(group);
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    give(d);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    give(file);
                    return FileVisitResult.CONTINUE;
                }

                private void give(Path path) throws IOException {
                    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                            LinkOption.NOFOLLOW_LINKS);
                    PosixFileAttributes attributes = view.readAttributes();
                    if (!attributes.owner().equals(owner) || !attributes.group().equals(ownerGroup)) {
                        view.setOwner(owner);
                        view.setGroup(ownerGroup);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not give " + dir + " to user " + name, e);
        }
    }

    /** True when this account can walk down to {@code dir}: every existing ancestor is searchable by it. */
    public boolean canTraverse(Path dir) {
        return firstBlockingAncestor(dir, name) == null;
    }

    /**
     * The first existing ancestor of {@code dir} (or {@code dir} itself) that {@code user} cannot
     * enter, or null. Checks the "others" execute bit, or the owner bit when {@code user} owns it;
     * group membership is not resolved, so a folder reachable only through a group counts as blocking.
     */
    static Path firstBlockingAncestor(Path dir, String user) {
        Path current = dir.toAbsolutePath().normalize();
        Path blocking = null;
        while (current != null) {
            if (Files.exists(current)) {
                try {
                    PosixFileAttributes attributes = Files.readAttributes(current, PosixFileAttributes.class);
                    Set<PosixFilePermission> permissions = attributes.permissions();
                    boolean owned = attributes.owner().getName().equals(user);
                    boolean enter = permissions.contains(PosixFilePermission.OTHERS_EXECUTE)
                            || (owned && permissions.contains(PosixFilePermission.OWNER_EXECUTE));
                    if (!enter) {
                        blocking = current;
                    }
                } catch (IOException e) {
                    blocking = current;
                }
            }
            current = current.getParent();
        }
        return blocking;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) {
        Path output = null;
        try {
            // Output goes to a file rather than a pipe, so a hung command cannot block us past the timeout.
            output = Files.createTempFile("skirmish-cmd", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out after 30 s: " + command);
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted: " + command);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a stray temp file is harmless
                }
            }
        }
    }

    @Override
    public String toString() {
        return name + ":" + group;
    }
}
