package io.skirmish.testkit.process;

import io.skirmish.testkit.process.MissingPrerequisiteException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime class path of one Maven module of this repository, as {@code deploy/local/run.sh}
 * leaves it: {@code <module>/target/classes} first, then the entries Maven's
 * {@code dependency:build-classpath} wrote to {@code <module>/target/stack.classpath}. Reading a
 * file instead of asking Maven keeps the launcher free of Maven and fast to start.
 */
public final class ModuleClasspath {
    /** The file name run.sh passes as {@code -Dmdep.outputFile}. */
    public static final String FILE_NAME = "stack.classpath";

    private ModuleClasspath() {
    }

    /** @throws MissingPrerequisiteException when the module was not built by run.sh */
    public static List<Path> of(Path repoRoot, String module) {
        Path target = repoRoot.resolve(module).resolve("target");
        Path file = target.resolve(FILE_NAME);
        Path classes = target.resolve("classes");
        if (!Files.isRegularFile(file) || !Files.isDirectory(classes)) {
            throw new MissingPrerequisiteException("module " + module + " is not built: expected " + classes + " and "
                    + file + "; deploy/local/run.sh builds every module and writes them");
        }
        try {
            return parse(classes, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    static List<Path> parse(Path classes, String content) {
        List<Path> entries = new ArrayList<>();
        entries.add(classes);
        for (String entry : content.strip().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry.strip()));
            }
        }
        return entries;
    }
}
