package io.skirmish.match.admission;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginSheddingTest {

    private static final long MS = 1_000_000;

    private final LoginShedding shedding = new LoginShedding(Duration.ofMillis(500));

    private List<Long> logins(int count, long standingNs) {
        List<Long> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(shedding.check(standingNs));
        }
        return answers;
    }

    @Test
    void admitsEveryLoginWhileTheQueuesStandAtOrBelowTheTarget() {
        assertThat(logins(10, 0)).containsOnly(0L);
        assertThat(logins(10, 500 * MS)).containsOnly(0L);
    }

    @Test
    void refusesEverySecondLoginAtOneAndAHalfTimesTheTarget() {
        assertThat(logins(6, 750 * MS)).containsExactly(0L, 750L, 0L, 750L, 0L, 750L);
    }

    @Test
    void refusesATenthOfTheLoginsAtATenthOverTheTarget() {
        List<Long> answers = logins(100, 550 * MS);

        assertThat(answers.stream().filter(retry -> retry > 0)).hasSize(10);
    }

    @Test
    void refusesEveryLoginFromTwiceTheTarget() {
        assertThat(logins(5, 1_000 * MS)).containsOnly(1_000L);
        assertThat(logins(5, 3_000 * MS)).containsOnly(3_000L);
    }

    @Test
    void admitsAgainAsSoonAsTheQueuesAreBackUnderTheTarget() {
        logins(3, 900 * MS);

        assertThat(shedding.check(400 * MS)).isZero();
        assertThat(shedding.check(600 * MS)).isZero();
    }

    @Test
    void theShareGrowsWithTheExcessUpToAll() {
        assertThat(shedding.share(500 * MS)).isZero();
        assertThat(shedding.share(625 * MS)).isEqualTo(0.25);
        assertThat(shedding.share(1_000 * MS)).isEqualTo(1.0);
        assertThat(shedding.share(10_000 * MS)).isEqualTo(1.0);
    }

    @Test
    void refusesATargetThatIsNotPositive() {
        assertThatThrownBy(() -> new LoginShedding(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
