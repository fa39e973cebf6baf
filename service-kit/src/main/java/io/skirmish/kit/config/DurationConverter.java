package io.skirmish.kit.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one duration grammar of every command line: amounts with units, summed ({@code 250ms},
 * {@code 5s}, {@code 2m}, {@code 1h30m}, {@code 7d}), a bare number of seconds ({@code 45}), or
 * ISO-8601 ({@code PT5S}); case and surrounding blanks do not matter. A leading {@code -} is
 * read, so that a configuration check can reject a negative value naming its option; options
 * that take only positive durations use {@link Positive}.
 */
public class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");
    private static final Pattern PARTS = Pattern.compile("(?:\\d{1,18}(?:ms|s|m|h|d))+");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,18}");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        boolean negative = text.startsWith("-");
        String magnitude = negative ? text.substring(1) : text;
        Duration duration;
        try {
            if (magnitude.startsWith("p")) {
                duration = Duration.parse(magnitude.toUpperCase(Locale.ROOT));
            } else if (SECONDS.matcher(magnitude).matches()) {
                duration = Duration.ofSeconds(Long.parseLong(magnitude));
            } else if (PARTS.matcher(magnitude).matches()) {
                duration = sum(magnitude);
            } else {
                throw invalid(value);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw invalid(value);
        }
        return negative ? duration.negated() : duration;
    }

    private static Duration sum(String parts) {
        Duration duration = Duration.ZERO;
        Matcher part = PART.matcher(parts);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            duration = duration.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        return duration;
    }

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException("'" + value + "' is not a duration (examples: 250ms, 5s, 2m, 1h30m, 7d, "
                + "45 for seconds, PT5S)");
    }

    /** The same grammar for options that only take a duration above zero. */
    public static final class Positive extends DurationConverter {

        @Override
        public Duration convert(String value) {
            return parsePositive(value);
        }

        public static Duration parsePositive(String value) {
            Duration duration = parse(value);
            if (duration.isZero() || duration.isNegative()) {
                throw new TypeConversionException("duration must be positive: '" + value + "'");
            }
            return duration;
        }
    }
}
