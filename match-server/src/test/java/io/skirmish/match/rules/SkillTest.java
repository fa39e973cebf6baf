package io.skirmish.match.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SkillTest {

    @Test
    void partySkillIsHalfwayBetweenMeanAndBest() {
        Skill party = Skill.party(List.of(new Skill(20, 4), new Skill(30, 2), new Skill(25, 4)));
        // mean 25, best 30 -> 27.5; sigma = sqrt((16 + 4 + 16) / 3)
        assertThat(party.mu()).isCloseTo(27.5, within(1e-9));
        assertThat(party.sigma()).isCloseTo(Math.sqrt(12), within(1e-9));
    }

    @Test
    void soloPartyIsThePlayer() {
        assertThat(Skill.party(List.of(new Skill(31, 3)))).isEqualTo(new Skill(31, 3));
    }

    @Test
    void newPlayersGetTheOpenSkillDefault() {
        assertThat(Skill.DEFAULT.mu()).isEqualTo(25.0);
        assertThat(Skill.DEFAULT.sigma()).isCloseTo(25.0 / 3, within(1e-12));
    }
}
