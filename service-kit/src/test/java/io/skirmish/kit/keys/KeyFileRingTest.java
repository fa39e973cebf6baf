package io.skirmish.kit.keys;

import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.config.DevDefaults;
import io.skirmish.protocol.token.KeyRingSource;
import io.skirmish.protocol.token.TokenKeyRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class KeyFileRingTest {

    @TempDir
    Path dir;

    private static String entry(int id) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) id);
        return id + ":" + Base64.getEncoder().encodeToString(secret);
    }

    private KeyFileRing open(Path file) {
        return KeyFileRing.open("connect-keys", file, ring -> false, "refused");
    }

    @Test
    void readsLinesSkipsCommentsAndTheFirstKeySigns() throws Exception {
        Path file = Files.writeString(dir.resolve("keys"), "# current first\n" + entry(2) + "\n\n" + entry(1) + "\n");
        assertThat(open(file).current().signingKeyId()).isEqualTo(2);
    }

    @Test
    void reloadsAChangedFileAndKeepsTheOldRingForABrokenOne() throws Exception {
        Path file = Files.writeString(dir.resolve("keys"), entry(1) + "\n");
        KeyFileRing ring = open(file);
        TokenKeyRing first = ring.current();
        assertThat(ring.reload()).isEqualTo(KeyFileRing.Reload.UNCHANGED);
        assertThat(ring.current()).isSameAs(first);

        Files.writeString(file, entry(2) + "\n" + entry(1) + "\n");
        assertThat(ring.reload()).isEqualTo(KeyFileRing.Reload.RELOADED);
        assertThat(ring.current().signingKeyId()).isEqualTo(2);

        Files.writeString(file, "2:not-base64!\n");
        assertThat(ring.reload()).isEqualTo(KeyFileRing.Reload.REFUSED);
        assertThat(ring.current().signingKeyId()).isEqualTo(2);
    }

    @Test
    void aReloadNeverBringsInTheDevelopmentKeyWithoutDev() throws Exception {
        Path file = Files.writeString(dir.resolve("keys"), entry(5) + "\n");
        KeyRingSource source = KeyRingOptions.open("connect-keys", file, false, DevDefaults.CONNECT_KEYS,
                LoggerFactory.getLogger(getClass()));
        Files.writeString(file, DevDefaults.CONNECT_KEYS + "\n");
        assertThat(((KeyFileRing) source).reload()).isEqualTo(KeyFileRing.Reload.REFUSED);
        assertThat(source.current().signingKeyId()).isEqualTo(5);
    }

    @Test
    void failsClosedWithoutDev() throws Exception {
        var log = LoggerFactory.getLogger(getClass());
        assertThatThrownBy(() -> KeyRingOptions.open("session-keys", null, false, DevDefaults.SESSION_KEYS, log))
                .isInstanceOf(ConfigException.class).hasMessageContaining("required without --dev");
        Path dev = Files.writeString(dir.resolve("dev"), DevDefaults.SESSION_KEYS);
        assertThatThrownBy(() -> KeyRingOptions.open("session-keys", dev, false, DevDefaults.SESSION_KEYS, log))
                .isInstanceOf(ConfigException.class).hasMessageContaining("development key");
        assertThatThrownBy(() -> KeyRingOptions.open("session-keys", dir.resolve("missing"), false,
                DevDefaults.SESSION_KEYS, log)).isInstanceOf(ConfigException.class).hasMessageContaining("cannot read");
        assertThat(KeyRingOptions.open("session-keys", null, true, DevDefaults.SESSION_KEYS, log).current()
                .sharesSecretWith(TokenKeyRing.parse(DevDefaults.SESSION_KEYS))).isTrue();
    }

    @Test
    void theWatcherPicksUpARotationOnItsOwnAndOnSighup() throws Exception {
        Path file = Files.writeString(dir.resolve("keys"), entry(1) + "\n");
        KeyFileRing ring = open(file);
        try (KeyFileWatcher watcher = new KeyFileWatcher(List.of(ring), 50)) {
            Files.writeString(file, entry(3) + "\n" + entry(1) + "\n");
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> ring.current().signingKeyId() == 3);
        }
        try (KeyFileWatcher watcher = new KeyFileWatcher(List.of(ring), 3_600_000)) {
            Files.writeString(file, entry(4) + "\n");
            ReloadSignal.fire();
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> ring.current().signingKeyId() == 4);
        }
    }
}
