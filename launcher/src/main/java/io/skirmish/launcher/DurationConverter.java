package io.skirmish.launcher;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads durations the way people type them: {@code 20s}, {@code 5m}, {@code 1h30m}, {@code 500ms};
 * a bare number is seconds; ISO-8601 ({@code PT90S}) works too.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");
    private static final Pattern WHOLE = Pattern.compile("((\\d+)(ms|h|m|s))+");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Duration duration;
        if (text.matches("\\d+")) {
            duration = Duration.ofSeconds(Long.parseLong(text));
        } else if (text.startsWith("pt")) {
            try {
                duration = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid(value);
            }
        } else if (WHOLE.matcher(text).matches()) {
            duration = Duration.ZERO;
            Matcher part = PART.matcher(text);
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                duration = duration.plus(switch (part.group(2)) {
                    case "h" -> Duration.ofHours(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    default -> Duration.ofMillis(amount);
                });
            }
        } else {
            throw invalid(value);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new CommandLine.TypeConversionException("duration must be positive: '" + value + "'");
        }
        return duration;
    }

    private static CommandLine.TypeConversionException invalid(String value) {
        return new CommandLine.TypeConversionException(
                "'" + value + "' is not a duration; use e.g. 20s, 5m, 1h30m, 500ms or PT90S");
    }
}
