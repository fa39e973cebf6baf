package io.skirmish.match.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LobbyFillTest {

    private final LobbyFill fill = LobbyFill.parse("1000:250");

    @Test
    void aFreeForAllNeedsOnePlayerFewerEveryStepAfterTheWaitDownToTwo() {
        assertThat(fill.needed(QueueMode.FFA, 0)).isEqualTo(8);
        assertThat(fill.needed(QueueMode.FFA, 999)).isEqualTo(8);
        assertThat(fill.needed(QueueMode.FFA, 1_000)).isEqualTo(7);
        assertThat(fill.needed(QueueMode.FFA, 1_249)).isEqualTo(7);
        assertThat(fill.needed(QueueMode.FFA, 1_250)).isEqualTo(6);
        assertThat(fill.needed(QueueMode.FFA, 2_000)).isEqualTo(3);
        assertThat(fill.needed(QueueMode.FFA, 2_250)).isEqualTo(2);
        assertThat(fill.needed(QueueMode.FFA, 3_600_000)).isEqualTo(QueueMode.FFA.minPlayers()).isEqualTo(2);
    }

    @Test
    void aDuelAlwaysNeedsBothPlayers() {
        for (long waitMs : new long[] {0, 1_000, 60_000, Long.MAX_VALUE / 2}) {
            assertThat(fill.needed(QueueMode.DUEL, waitMs)).isEqualTo(2);
        }
    }

    @Test
    void aSquadNeedsEvenTeamsSoItSkipsFiveAndPlaysTwoAgainstTwoFromTheSecondStep() {
        assertThat(fill.needed(QueueMode.SQUAD, 0)).isEqualTo(6);
        assertThat(fill.needed(QueueMode.SQUAD, 999)).isEqualTo(6);
        assertThat(fill.needed(QueueMode.SQUAD, 1_000)).as("5 would be 3v2").isEqualTo(6);
        assertThat(fill.needed(QueueMode.SQUAD, 1_249)).isEqualTo(6);
        assertThat(fill.needed(QueueMode.SQUAD, 1_250)).isEqualTo(4);
        assertThat(fill.needed(QueueMode.SQUAD, 3_600_000)).isEqualTo(QueueMode.SQUAD.minPlayers()).isEqualTo(4);
        LobbyFill slow = LobbyFill.parse("5000:1000");
        assertThat(slow.needed(QueueMode.SQUAD, 5_999)).isEqualTo(6);
        assertThat(slow.needed(QueueMode.SQUAD, 6_000)).isEqualTo(4);
    }

    @Test
    void badTextIsRefusedNamingIt() {
        assertThat(LobbyFill.parse(" 0:1 ")).isEqualTo(new LobbyFill(0, 1));
        assertThat(LobbyFill.DEFAULT.toString()).isEqualTo("1000:250");
        assertThatThrownBy(() -> LobbyFill.parse("1000")).hasMessageContaining("'1000'");
        assertThatThrownBy(() -> LobbyFill.parse("1s:250ms")).hasMessageContaining("whole milliseconds");
        assertThatThrownBy(() -> LobbyFill.parse("1000:0")).hasMessageContaining("stepMs > 0");
    }
}
