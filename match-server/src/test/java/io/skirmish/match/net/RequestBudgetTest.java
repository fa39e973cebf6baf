package io.skirmish.match.net;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestBudgetTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private static int takeAll(RequestBudget budget, long nowNs) {
        int taken = 0;
        while (budget.tryTake(nowNs)) {
            taken++;
        }
        return taken;
    }

    @Test
    void allowsTheBurstThenRefusesUntilItRefills() {
        RequestBudget budget = new RequestBudget(RequestLimit.parse("10:5"), 0);
        assertThat(takeAll(budget, 0)).isEqualTo(5);
        assertThat(budget.tryTake(50 * MS)).isFalse(); // half a token back
        assertThat(budget.tryTake(100 * MS)).isTrue(); // 10 per second: one every 100 ms
        assertThat(budget.tryTake(100 * MS)).isFalse();
    }

    @Test
    void neverStoresMoreThanTheBurst() {
        RequestBudget budget = new RequestBudget(RequestLimit.parse("10:5"), 0);
        assertThat(takeAll(budget, TimeUnit.HOURS.toNanos(1))).isEqualTo(5);
    }

    @Test
    void saysHowLongUntilTheNextToken() {
        RequestBudget budget = new RequestBudget(RequestLimit.parse("10:1"), 0);
        assertThat(budget.tryTake(0)).isTrue();
        assertThat(budget.retryAfterMs(0)).isEqualTo(100);
        assertThat(budget.retryAfterMs(70 * MS)).isEqualTo(30);
        assertThat(budget.retryAfterMs(100 * MS)).isEqualTo(1); // never 0: "retry now" is not an answer
    }

    @Test
    void parsesItsConfiguration() {
        assertThat(RequestLimit.parse("20:40")).isEqualTo(new RequestLimit(20, 40));
        assertThat(RequestLimit.parse(" OFF ").enabled()).isFalse();
        assertThat(RequestLimit.parse("0.5:1").enabled()).isTrue();
        for (String bad : new String[] {"20", "20:40:1", "a:b", "0:10", "10:0.5", "-1:5"}) {
            assertThatThrownBy(() -> RequestLimit.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
