package io.skirmish.kit.config;

import java.time.Duration;

/**
 * Range checks for the compact constructors of {@code *Config} records. Each throws a
 * {@link ConfigException} naming the key and the value.
 */
public final class Checks {

    private Checks() {
    }

    public static int port(String key, int value) {
        return inRange(key, value, 0, 65_535);
    }

    public static int inRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(key, value, "expected " + min + ".." + max);
        }
        return value;
    }

    public static long inRange(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(key, value, "expected " + min + ".." + max);
        }
        return value;
    }

    public static Duration positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigException(key, value, "expected a positive duration");
        }
        return value;
    }

    public static String notBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, value, "expected a non-empty value");
        }
        return value;
    }

    public static <T> T notNull(String key, T value) {
        if (value == null) {
            throw new ConfigException(key, null, "expected a value");
        }
        return value;
    }
}
