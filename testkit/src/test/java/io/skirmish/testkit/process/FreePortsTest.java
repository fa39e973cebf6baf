package io.skirmish.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void handsOutDistinctBindablePortsBelowTheEphemeralRange() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int port = FreePorts.next();
            assertThat(port).isBetween(FreePorts.LOWEST, FreePorts.HIGHEST);
            assertThat(FreePorts.isFree(port)).isTrue();
            ports.add(port);
        }
        assertThat(ports).hasSize(20);
    }

    @Test
    void portWithOffsetLeavesTheOffsetPortFreeToo() {
        int port = FreePorts.next(10_000);

        assertThat(port + 10_000).isLessThanOrEqualTo(FreePorts.HIGHEST);
        assertThat(FreePorts.isFree(port + 10_000)).isTrue();
    }
}
