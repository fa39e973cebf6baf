package io.skirmish.kit.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies option values that were not given as flags, so that every process reads its
 * configuration in one order: flags, then environment, then a properties file, then the
 * built-in default of the option.
 *
 * <p>An option {@code --redis-url} is looked up as the environment variable
 * {@code SKIRMISH_REDIS_URL} and as the key {@code redis-url} in the file that
 * {@code SKIRMISH_CONFIG} names. Returning {@code null} lets picocli fall back to the
 * annotation's default, so defaults are written once, next to the option.
 */
public final class LayeredDefaults implements IDefaultValueProvider {

    public static final String ENV_PREFIX = "SKIRMISH_";
    public static final String CONFIG_FILE_ENV = ENV_PREFIX + "CONFIG";

    private final Map<String, String> environment;
    private final Properties fileProperties;

    public LayeredDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.fileProperties = loadFile(environment.get(CONFIG_FILE_ENV));
    }

    /** The process's real environment. */
    public static LayeredDefaults fromSystem() {
        return new LayeredDefaults(System.getenv());
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String key = bareName(option.longestName());
        String fromEnv = environment.get(environmentName(key));
        if (fromEnv != null) {
            return fromEnv;
        }
        return fileProperties.getProperty(key);
    }

    /** {@code redis-url} becomes {@code SKIRMISH_REDIS_URL}. */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static String bareName(String optionName) {
        int start = 0;
        while (start < optionName.length() && optionName.charAt(start) == '-') {
            start++;
        }
        return optionName.substring(start);
    }

    private static Properties loadFile(String path) {
        Properties properties = new Properties();
        if (path == null || path.isBlank()) {
            return properties;
        }
        Path file = Path.of(path);
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException(CONFIG_FILE_ENV, path, "cannot read the file: " + e.getMessage());
        }
        return properties;
    }
}
