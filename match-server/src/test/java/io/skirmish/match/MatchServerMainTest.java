package io.skirmish.match;

import io.skirmish.kit.cli.CommandRunner;
import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.config.LayeredDefaults;
import io.skirmish.match.admission.AdmissionConfig;
import io.skirmish.match.net.RequestLimit;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.kit.config.DevDefaults;
import io.skirmish.testkit.tls.TestCertificates;
import io.skirmish.match.auth.LoginMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatchServerMainTest {

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine line = CommandRunner.commandLine(new MatchServerMain(), new LayeredDefaults(Map.of()));
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        return line.execute(args);
    }

    /** With {@code --dev}: the checks after the keys are reached. */
    private static int runDev(StringWriter out, StringWriter err, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--dev";
        System.arraycopy(args, 0, all, 1, args.length);
        return run(out, err, all);
    }

    @Test
    void helpListsTheOptionsAndExitsZero() {
        StringWriter out = new StringWriter();
        assertThat(run(out, new StringWriter(), "--help")).isZero();
        assertThat(out.toString()).contains("--client-port", "--skill-window", "--connect-token-ttl", "--regions", "--rate-limit",
                "--min-client-version", "--join-threads");
    }

    @Test
    void failsClosedWithoutDevOnMissingKeysTheDevelopmentKeyOrTrustedLogin(@TempDir Path dir) throws Exception {
        StringWriter noKeys = new StringWriter();
        assertThat(run(new StringWriter(), noKeys)).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(noKeys.toString()).contains("session-keys", "required without --dev").hasLineCount(1);

        Path devKey = Files.writeString(dir.resolve("dev.keys"), DevDefaults.CONNECT_KEYS + "\n");
        Path session = Files.writeString(dir.resolve("session.keys"), "# rotated 2026-12-07\n7:" + secret(7) + "\n");
        StringWriter devKeyRefused = new StringWriter();
        assertThat(run(new StringWriter(), devKeyRefused, "--session-keys", session.toString(), "--connect-keys",
                devKey.toString())).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(devKeyRefused.toString()).contains("connect-keys", "development key").hasLineCount(1);

        Path connect = Files.writeString(dir.resolve("connect.keys"), "3:" + secret(3) + "\n");
        StringWriter trusted = new StringWriter();
        assertThat(run(new StringWriter(), trusted, "--session-keys", session.toString(), "--connect-keys",
                connect.toString(), "--login", "device,trusted")).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(trusted.toString()).contains("trusted", "--dev").hasLineCount(1);

        StringWriter plaintext = new StringWriter();
        assertThat(run(new StringWriter(), plaintext, "--session-keys", session.toString(), "--connect-keys",
                connect.toString())).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(plaintext.toString()).contains("tls-cert", "--dev").hasLineCount(1);

        // Separate rings: the session key never signs connect tokens.
        TestCertificates tls = TestCertificates.create(dir.resolve("tls"));
        MatchServerMain main = new MatchServerMain();
        new CommandLine(main).registerConverter(java.time.Duration.class, new io.skirmish.kit.config.DurationConverter())
                .parseArgs("--session-keys", session.toString(), "--connect-keys", connect.toString(),
                        "--tls-cert", tls.certificate().toString(), "--tls-key", tls.privateKey().toString());
        MatchServerConfig config = main.config();
        assertThat(config.sessionKeys().current().signingKeyId()).isEqualTo(7);
        assertThat(config.connectKeys().current().signingKeyId()).isEqualTo(3);
        assertThat(config.login().modes()).containsExactly(LoginMode.DEVICE);
        assertThat(config.clientTransport().tlsEnabled()).isTrue();
    }

    private static String secret(int seed) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) seed);
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void badFlagsExitWithTwo() {
        StringWriter err = new StringWriter();
        assertThat(runDev(new StringWriter(), err, "--client-port", "nope")).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(runDev(new StringWriter(), new StringWriter(), "--regions", "EU WEST"))
                .isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(runDev(new StringWriter(), new StringWriter(), "--skill-window", "duel=3:1"))
                .isEqualTo(CommandRunner.EXIT_USAGE);
        StringWriter rate = new StringWriter();
        assertThat(runDev(new StringWriter(), rate, "--rate-limit", "lots")).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(rate.toString()).contains("rate-limit", "lots");
        StringWriter version = new StringWriter();
        assertThat(runDev(new StringWriter(), version, "--min-client-version", "latest")).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(version.toString()).contains("min-client-version", "latest");
        StringWriter queueSize = new StringWriter();
        assertThat(runDev(new StringWriter(), queueSize, "--max-queue-size", "0")).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(queueSize.toString()).contains("max-queue-size");
        StringWriter wait = new StringWriter();
        assertThat(runDev(new StringWriter(), wait, "--max-queue-wait", "200ms")).isEqualTo(CommandRunner.EXIT_USAGE);
        assertThat(wait.toString()).contains("max-queue-wait", "longer than --shed-logins-above");
    }

    @Test
    void defaultsMakeAValidConfig() {
        MatchServerMain main = new MatchServerMain();
        new CommandLine(main).registerConverter(java.time.Duration.class, new io.skirmish.kit.config.DurationConverter())
                .parseArgs("--dev", "--instance-id", "m-1", "--regions", "eu-west,us-east");
        MatchServerConfig config = main.config();
        assertThat(config.clientPort()).isEqualTo(7600);
        assertThat(config.opsPort()).isEqualTo(7680);
        assertThat(config.matchmaker().regions()).containsExactly("eu-west", "us-east");
        assertThat(config.matchmaker().rules(QueueMode.FFA).skillWindow().initial()).isEqualTo(4.0);
        assertThat(config.matchmaker().connectTokenTtl().toMinutes()).isEqualTo(10);
        assertThat(config.requestLimit()).isEqualTo(new RequestLimit(20, 40));
        assertThat(config.minClientVersion()).isNull();
        assertThat(config.joinThreads()).isEqualTo(2);
        assertThat(config.admission()).isEqualTo(AdmissionConfig.DEFAULTS);
    }

    @Test
    void skillWindowsNeedEveryMode() {
        assertThatThrownBy(() -> MatchServerMain.parseWindows("duel=3:1:25")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("squad");
    }
}
