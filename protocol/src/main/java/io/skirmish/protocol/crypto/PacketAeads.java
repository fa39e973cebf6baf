package io.skirmish.protocol.crypto;

import java.util.Locale;
import java.util.function.Function;

import javax.crypto.SecretKey;

/**
 * Which AES-GCM implementation seals and opens the UDP packets of this process, for measuring
 * them against each other on the whole server (docs/decisions.md, "AES-GCM for the UDP
 * packets"): the system property {@value #PROPERTY} = {@code engine} (the default), {@code jdk} or
 * {@code bc}, read once when the class loads. Every implementation produces the same bytes
 * on the wire.
 */
public final class PacketAeads {
    public static final String PROPERTY = "skirmish.udp.aead";

    private static final Function<SecretKey, PacketAead> CHOSEN = choose(System.getProperty(PROPERTY, "engine"));

    private PacketAeads() {
    }

    /** A new instance of the chosen implementation for {@code key}. */
    public static PacketAead create(SecretKey key) {
        return CHOSEN.apply(key);
    }

    static Function<SecretKey, PacketAead> choose(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "jdk" -> JdkAesGcm::new;
            case "bc" -> BcAesGcm::new;
            case "engine" -> AesGcm::new;
            default -> throw new IllegalArgumentException(PROPERTY + " must be jdk, bc or engine, not " + name);
        };
    }
}
