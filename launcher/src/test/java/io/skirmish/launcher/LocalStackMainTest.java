package io.skirmish.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Option handling only: nothing here starts a process. */
class LocalStackMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void badDurationIsOneLineNamingOptionAndValueWithStatus2() {
        int status = run("--duration", "soon");

        assertThat(status).isEqualTo(2);
        assertThat(text(err).strip()).doesNotContain("\n").contains("--duration").contains("'soon'");
    }

    @Test
    void unknownOptionIsStatus2() {
        assertThat(run("--redis")).isEqualTo(2);
        assertThat(text(err)).contains("--redis");
    }

    @Test
    void helpListsEveryOption() {
        int status = run("--help");

        assertThat(status).isZero();
        assertThat(text(out)).contains("--duration", "--keep-running", "--redis-port", "--es-port", "--work-dir",
                "--no-elasticsearch", "--help", "bot swarm");
    }

    private int run(String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return LocalStackMain.commandLine(o, e).execute(args);
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
