package io.skirmish.logship.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class UtcDaysTest {

    /** What the shipper computed before the fast path: the ISO parsers, nothing else. */
    private static long reference(String text) {
        return UtcDays.viaIsoParsers(text);
    }

    @Test
    void agreesWithTheIsoParsersOnTheProducersShapeAndAroundIt() {
        SplittableRandom random = new SplittableRandom(6);
        DateTimeFormatter millis = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        for (int i = 0; i < 5_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 8_000_000_000L),
                    random.nextInt(1_000_000_000));
            for (String text : List.of(millis.format(instant), instant.toString(),
                    instant.atOffset(ZoneOffset.ofHours(random.nextInt(-12, 15))).toString(),
                    instant.atOffset(ZoneOffset.UTC).toLocalDateTime().toString())) {
                assertThat(UtcDays.of(text)).as(text).isEqualTo(reference(text));
            }
        }
    }

    @Test
    void leavesEverythingOddToTheIsoParsers() {
        for (String text : List.of("2026-02-29T10:00:00Z", "2028-02-29T10:00:00Z", "2026-13-01T10:00:00Z",
                "2026-11-25T24:00:00Z", "2026-11-25T23:60:00Z", "2026-11-25T23:59:60Z", "2026-11-25T10:00Z",
                "2026-11-25t10:00:00z", "2026-11-25T10:00:00.Z", "2026-11-25T10:00:00.1234567890Z",
                "2026-11-25T10:00:00,5Z", "+2026-11-25T10:00:00Z", "2026-1-25T10:00:00Z", "2026-11-25T10:00:00+00:00",
                "2026-11-26T00:30:00+01:00", "2026-11-25 10:00:00Z", "yesterday", "", "2026-11-25T1a:00:00Z",
                "99999-11-25T10:00:00Z", "0000-01-01T00:00:00Z")) {
            assertThat(UtcDays.of(text)).as(text).isEqualTo(reference(text));
        }
    }

    @Test
    void namesTheDailyIndexAsTheFormatterWould() {
        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy.MM.dd");
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long epochDay = random.nextLong(-800_000, 3_000_000);
            assertThat(DailyIndex.name("p", epochDay)).isEqualTo("p-" + day.format(LocalDate.ofEpochDay(epochDay)));
        }
    }
}
