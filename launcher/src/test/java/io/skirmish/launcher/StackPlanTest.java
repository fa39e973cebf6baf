package io.skirmish.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StackPlanTest {
    @Test
    void theGameServerRunsOnTheCollectorItsLauncherChooses() {
        assertThat(StackPlan.jvmOptionsFor("game-server"))
                .contains("-XX:+UseParallelGC", "-XX:MaxTenuringThreshold=1")
                .doesNotContain("-XX:+UseG1GC");
    }

    @Test
    void theOtherServersKeepG1() {
        for (String module : new String[] {"match-server", "ranking-server", "log-shipper"}) {
            assertThat(StackPlan.jvmOptionsFor(module)).contains("-XX:+UseG1GC").doesNotContain("-XX:+UseParallelGC");
        }
    }

    @Test
    void everyServerKeepsTheExportAgronaNeeds() {
        assertThat(StackPlan.jvmOptionsFor("game-server")).containsSequence("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED");
        assertThat(StackPlan.jvmOptionsFor("match-server")).containsSequence("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED");
    }
}
