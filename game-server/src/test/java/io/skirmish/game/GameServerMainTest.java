package io.skirmish.game;

import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.config.DevDefaults;
import io.skirmish.kit.config.DurationConverter;
import io.skirmish.kit.config.LayeredDefaults;
import io.skirmish.testkit.tls.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GameServerMainTest {

    private static int run(StringWriter err, String... args) {
        CommandLine line = CommandRunner.commandLine(new GameServerMain(), new LayeredDefaults(Map.of()));
        line.setOut(new PrintWriter(new StringWriter()));
        line.setErr(new PrintWriter(err));
        return line.execute(args);
    }

    @Test
    void refusesToStartWithoutAKeyFileOrWithTheDevelopmentKeyUnlessDev(@TempDir Path dir) throws Exception {
        StringWriter none = new StringWriter();
        assertThat(run(none)).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(none.toString()).contains("connect-keys", "required without --dev").hasLineCount(1);

        Path devKey = Files.writeString(dir.resolve("dev.keys"), DevDefaults.CONNECT_KEYS + "\n");
        StringWriter dev = new StringWriter();
        assertThat(run(dev, "--connect-keys", devKey.toString())).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(dev.toString()).contains("connect-keys", "development key").hasLineCount(1);
    }

    @Test
    void holdsOnlyTheConnectRingItWasGiven(@TempDir Path dir) throws Exception {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 9);
        Path keys = Files.writeString(dir.resolve("connect.keys"), "4:" + Base64.getEncoder().encodeToString(secret));
        TestCertificates tls = TestCertificates.create(dir.resolve("tls"));
        GameServerMain main = new GameServerMain();
        new CommandLine(main).registerConverter(Duration.class, new DurationConverter())
                .parseArgs("--connect-keys", keys.toString(), "--tls-cert", tls.certificate().toString(),
                        "--tls-key", tls.privateKey().toString());
        assertThat(main.config().connectKeys().current().signingKeyId()).isEqualTo(4);

        GameServerMain development = new GameServerMain();
        new CommandLine(development).registerConverter(Duration.class, new DurationConverter()).parseArgs("--dev");
        assertThat(development.config().connectKeys().current().toString()).contains("ids=1");
    }
}
