package io.skirmish.kit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skirmish.kit.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.HostAndPort;

class RedisAddressTest {

    @Test
    void parsesSingleNode() {
        RedisAddress address = RedisAddress.parse("redis://127.0.0.1:6380");

        assertThat(address.cluster()).isFalse();
        assertThat(address.nodes()).containsExactly(new HostAndPort("127.0.0.1", 6380));
    }

    @Test
    void defaultsThePort() {
        assertThat(RedisAddress.parse("redis://localhost").nodes())
                .containsExactly(new HostAndPort("localhost", 6379));
    }

    @Test
    void parsesClusterSeeds() {
        RedisAddress address = RedisAddress.parse("redis-cluster://127.0.0.1:7000, 127.0.0.1:7001");

        assertThat(address.cluster()).isTrue();
        assertThat(address.describeNodes()).containsExactly("127.0.0.1:7000", "127.0.0.1:7001");
        assertThat(address).hasToString("redis-cluster://127.0.0.1:7000,127.0.0.1:7001");
    }

    @Test
    void parsesCredentialsAndTlsAndNeverShowsThePassword() {
        RedisAddress address = RedisAddress.parse("rediss://skirmish-match:p%40ss:w0rd@redis.internal:6380");
        assertThat(address.tls()).isTrue();
        assertThat(address.cluster()).isFalse();
        assertThat(address.user()).isEqualTo("skirmish-match");
        assertThat(address.password()).isEqualTo("p@ss:w0rd");
        assertThat(address.nodes()).containsExactly(new HostAndPort("redis.internal", 6380));
        assertThat(address).hasToString("rediss://skirmish-match:***@redis.internal:6380");

        RedisAddress passwordOnly = RedisAddress.parse("redis://:only-a-password@127.0.0.1");
        assertThat(passwordOnly.user()).isNull();
        assertThat(passwordOnly.password()).isEqualTo("only-a-password");
        assertThat(RedisAddress.parse("rediss-cluster://u:p@10.0.0.5:7000,10.0.0.6:7000").cluster()).isTrue();
        assertThat(RedisAddress.parse("redis://127.0.0.1").password()).isNull();
    }

    @Test
    void errorsNeverCarryThePassword() {
        assertThatThrownBy(() -> RedisAddress.parse("redis://user:hunter2@host:notaport"))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("hunter2").hasMessageContaining("user:***@");
        assertThatThrownBy(() -> RedisAddress.parse("redis://user@host"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("without a password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1:6379", "http://127.0.0.1", "redis://", "redis://a:1,b:2",
            "redis-cluster://,", "redis://host:notaport"})
    void rejectsBadUrlsNamingTheKey(String url) {
        assertThatThrownBy(() -> RedisAddress.parse(url))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid configuration redis-url=");
    }
}
