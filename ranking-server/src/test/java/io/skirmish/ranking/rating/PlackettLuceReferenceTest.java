package io.skirmish.ranking.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case that openskill 5 computed (src/test/reference/generate.mjs) agrees within 1e-6. */
class PlackettLuceReferenceTest {

    static final double TOLERANCE = 1e-6;

    static Stream<ReferenceCases.Case> cases() {
        return ReferenceCases.load().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithOpenskillV5(ReferenceCases.Case c) {
        List<List<Rating>> actual = rate(c);

        assertThat(actual).hasSameSizeAs(c.expected());
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i)).as("team %d", i).hasSameSizeAs(c.expected().get(i));
            for (int k = 0; k < actual.get(i).size(); k++) {
                Rating a = actual.get(i).get(k);
                Rating e = c.expected().get(i).get(k);
                assertThat(a.mu()).as("team %d player %d mu", i, k).isCloseTo(e.mu(), within(TOLERANCE));
                assertThat(a.sigma()).as("team %d player %d sigma", i, k).isCloseTo(e.sigma(), within(TOLERANCE));
            }
        }
    }

    @Test
    void coversEveryScenarioTheGeneratorWrites() {
        List<ReferenceCases.Case> cases = ReferenceCases.load();

        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        assertThat(cases).extracting(c -> c.name().replaceAll("-\\d+$", ""))
                .contains("1v1", "1v1-draw", "2v2", "3v3", "ffa8", "ffa8-partial-ties", "uneven", "all-tied",
                        "partial-ties", "unsorted-ranks", "no-ranks", "extreme", "extreme-ties", "options");
    }

    @Test
    void largestDeviationFromOpenskillIsFarBelowTolerance() {
        double maxError = 0;
        for (ReferenceCases.Case c : ReferenceCases.load()) {
            List<List<Rating>> actual = rate(c);
            for (int i = 0; i < actual.size(); i++) {
                for (int k = 0; k < actual.get(i).size(); k++) {
                    Rating a = actual.get(i).get(k);
                    Rating e = c.expected().get(i).get(k);
                    maxError = Math.max(maxError, Math.abs(a.mu() - e.mu()));
                    maxError = Math.max(maxError, Math.abs(a.sigma() - e.sigma()));
                }
            }
        }
        System.out.println("openskill v5 reference: largest absolute difference " + maxError);
        assertThat(maxError).isLessThan(TOLERANCE);
    }

    private static List<List<Rating>> rate(ReferenceCases.Case c) {
        PlackettLuce model = new PlackettLuce(c.options());
        return c.hasRanks() ? model.rate(c.teams(), c.ranks()) : model.rate(c.teams());
    }
}
