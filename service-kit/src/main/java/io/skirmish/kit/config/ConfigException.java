package io.skirmish.kit.config;

/**
 * A configuration value that the process refuses at start-up. The message names the key,
 * the value and what is expected, so an operator can fix it without reading code.
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String key, Object value, String expectation) {
        super("invalid configuration " + key + "=" + value + ": " + expectation);
    }
}
