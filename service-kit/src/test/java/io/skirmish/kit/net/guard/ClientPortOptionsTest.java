package io.skirmish.kit.net.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.config.DevMode;
import io.skirmish.testkit.tls.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClientPortOptionsTest {

    @TempDir
    Path dir;

    @Test
    void refusesPlaintextWithoutDev() {
        ClientPortOptions options = parse();

        assertThatThrownBy(() -> options.config(new DevMode(false), Duration.ofSeconds(10), Duration.ZERO))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tls-cert").hasMessageContaining("--dev");
    }

    @Test
    void allowsPlaintextWithDev() {
        ClientPortConfig config = parse().config(new DevMode(true), Duration.ofSeconds(10), Duration.ZERO);

        assertThat(config.tlsEnabled()).isFalse();
        assertThat(config.limits().maxConnectionsPerAddress()).isEqualTo(TcpLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    }

    @Test
    void readsTheCertificateAndKeyFiles() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir);
        ClientPortConfig config = parse("--tls-cert", certificates.certificate().toString(),
                "--tls-key", certificates.privateKey().toString())
                .config(new DevMode(false), Duration.ofSeconds(10), Duration.ZERO);

        assertThat(config.tlsEnabled()).isTrue();
        assertThat(config.tls().isServer()).isTrue();
    }

    @Test
    void refusesACertificateWithoutItsKeyAndAMissingFile() {
        assertThatThrownBy(() -> parse("--tls-cert", dir.resolve("a.pem").toString())
                .config(new DevMode(true), Duration.ZERO, Duration.ZERO)).hasMessageContaining("tls-key");
        assertThatThrownBy(() -> parse("--tls-cert", dir.resolve("a.pem").toString(),
                "--tls-key", dir.resolve("b.pem").toString())
                .config(new DevMode(false), Duration.ZERO, Duration.ZERO)).hasMessageContaining("readable PEM file");
    }

    @Test
    void refusesWriteMarksThatDoNotGrow() {
        assertThatThrownBy(() -> parse("--write-buffer-high", "4096", "--write-buffer-limit", "1024")
                .config(new DevMode(true), Duration.ZERO, Duration.ZERO)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("low < high < limit");
    }

    private static ClientPortOptions parse(String... args) {
        ClientPortOptions options = new ClientPortOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }
}
