package io.skirmish.kit.keys;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.skirmish.kit.config.DevDefaults;
import io.skirmish.kit.config.DevMode;
import io.skirmish.protocol.token.KeyRingSource;
import org.slf4j.Logger;
import picocli.CommandLine.Option;

/**
 * The key-file flags of the services that check connect tokens (a picocli mixin): the match
 * servers sign them and the game servers verify them, with the same {@code --connect-keys} file,
 * and both re-read their key files every {@code --key-check-interval} (and on SIGHUP).
 */
public final class ConnectKeyOptions {

    @Option(names = "--connect-keys", description = "Connect-token key file (id:base64 per line, the first signs; "
            + "reloaded on change and on SIGHUP), the same on the match servers and the game servers. "
            + "Required without --dev.")
    Path connectKeys;

    @Option(names = "--key-check-interval", defaultValue = "10s",
            description = "How often key files are checked for changes (default: ${DEFAULT-VALUE}).")
    Duration keyCheckInterval = Duration.ofSeconds(10);

    /** The connect-token keys, by the start-up rule of {@link KeyRingOptions}. */
    public KeyRingSource connectKeys(DevMode dev, Logger log) {
        return KeyRingOptions.open("connect-keys", connectKeys, dev.enabled(), DevDefaults.CONNECT_KEYS, log);
    }

    /** Watches those of {@code rings} read from files (development keys are not); empty when there are none. */
    public KeyFileWatcher watcher(List<KeyRingSource> rings) {
        List<KeyFileRing> files = new ArrayList<>();
        for (KeyRingSource ring : rings) {
            if (ring instanceof KeyFileRing file) {
                files.add(file);
            }
        }
        return new KeyFileWatcher(files, keyCheckInterval.toMillis());
    }
}
