package io.skirmish.kit.keys;

import io.skirmish.kit.config.ConfigException;
import io.skirmish.kit.config.DevDefaults;
import io.skirmish.protocol.token.KeyRingSource;
import io.skirmish.protocol.token.TokenKeyRing;
import org.slf4j.Logger;

import java.nio.file.Path;

/**
 * The start-up rule for a key ring option ({@code --session-keys}, {@code --connect-keys}):
 * keys fail closed. Without {@code --dev} the option must name a key file, and a file holding a
 * public development key is refused; both stop the process with exit status 2 and one line.
 * With {@code --dev} and no file, the option's public development key is used, with a warning.
 */
public final class KeyRingOptions {

    private KeyRingOptions() {
    }

    /**
     * @param option     the option name (without dashes), for messages
     * @param file       the configured key file, or null
     * @param dev        whether the process runs with {@code --dev}
     * @param devKeys    the option's public development keys ({@code id:base64})
     * @throws ConfigException when the keys may not be used
     */
    public static KeyRingSource open(String option, Path file, boolean dev, String devKeys, Logger log) {
        TokenKeyRing development = TokenKeyRing.parse(devKeys);
        if (file == null) {
            if (!dev) {
                throw new ConfigException(option, "(none)", "a key file is required without --" + DevDefaults.DEV_FLAG
                        + " (id:base64 per line, the first signs)");
            }
            log.warn("using the public development keys for {}: never outside --{}", option, DevDefaults.DEV_FLAG);
            return development;
        }
        try {
            return KeyFileRing.open(option, file, ring -> !dev && ring.sharesSecretWith(development),
                    "the file holds the public development key, refused without --" + DevDefaults.DEV_FLAG);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(option, file, e.getMessage());
        }
    }
}
