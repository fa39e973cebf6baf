package io.skirmish.match.net;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientVersionTest {

    private static ClientVersion v(String text) {
        return ClientVersion.require(text);
    }

    @Test
    void comparesNumbersAsNumbersNotAsText() {
        assertThat(v("1.10.0")).isGreaterThan(v("1.9.9"));
        assertThat(v("2.0.0")).isGreaterThan(v("1.99.99"));
        assertThat(v("1.4.10")).isGreaterThan(v("1.4.9"));
    }

    @Test
    void missingMinorAndPatchReadAsZeroAndALeadingVIsAllowed() {
        assertThat(v("1.4")).isEqualByComparingTo(v("1.4.0"));
        assertThat(v("2")).isEqualByComparingTo(v("2.0.0"));
        assertThat(v("v1.4.2")).isEqualByComparingTo(v("1.4.2"));
    }

    @Test
    void preReleasesSortBeforeTheirReleaseInSemverOrder() {
        // The example chain of semver.org, section 11.
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");
        for (int i = 0; i + 1 < ordered.size(); i++) {
            assertThat(v(ordered.get(i))).as("%s < %s", ordered.get(i), ordered.get(i + 1)).isLessThan(v(ordered.get(i + 1)));
        }
    }

    @Test
    void buildMetadataDoesNotCount() {
        assertThat(v("1.4.2+build.7")).isEqualByComparingTo(v("1.4.2+other"));
        assertThat(v("1.4.2-rc.1+sha.abc")).isEqualByComparingTo(v("1.4.2-rc.1"));
    }

    @Test
    void refusesWhatIsNotASemanticVersion() {
        for (String bad : List.of("", "it", "1.", "1..2", "1.2.3.4", "01.2.3", "1.2.3-", "1.2.3-01", "1.2.3 beta", "-1.0.0")) {
            assertThat(ClientVersion.parse(bad)).as("'%s'", bad).isEmpty();
        }
        assertThat(ClientVersion.parse(null)).isEmpty();
        assertThatThrownBy(() -> ClientVersion.require("latest")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latest");
    }

    @Test
    void printsItselfCanonically() {
        assertThat(v("v1.4")).hasToString("1.4.0");
        assertThat(v("1.4.2-rc.1+b")).hasToString("1.4.2-rc.1");
    }
}
