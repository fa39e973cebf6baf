package io.skirmish.kit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisCpuTimeTest {

    /** The shape redis-server 7.0 answers {@code INFO cpu} with. */
    private static final String INFO = "# CPU\r\n"
            + "used_cpu_sys:1.250000\r\n"
            + "used_cpu_user:2.500000\r\n"
            + "used_cpu_sys_children:0.000000\r\n"
            + "used_cpu_user_children:0.000000\r\n"
            + "used_cpu_sys_main_thread:1.200000\r\n"
            + "used_cpu_user_main_thread:2.400000\r\n";

    @Test
    void addsUserAndSystemTimeInNanoseconds() {
        assertThat(RedisCpuTime.parseNanos(INFO)).isEqualTo(3_750_000_000L);
    }

    @Test
    void ignoresChildrenAndMainThreadFields() {
        String withoutTotals = "used_cpu_sys_children:9.0\nused_cpu_user_main_thread:9.0\n"
                + "used_cpu_sys:0.5\nused_cpu_user:0.25\n";

        assertThat(RedisCpuTime.parseNanos(withoutTotals)).isEqualTo(750_000_000L);
    }

    @Test
    void rejectsAReplyWithoutTheFields() {
        assertThatThrownBy(() -> RedisCpuTime.parseNanos("# CPU\r\nused_cpu_sys:1.0\r\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("used_cpu_user");
    }

    @Test
    void rejectsAFieldThatIsNotANumber() {
        assertThatThrownBy(() -> RedisCpuTime.parseNanos("used_cpu_sys:lots\nused_cpu_user:1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a number");
    }
}
