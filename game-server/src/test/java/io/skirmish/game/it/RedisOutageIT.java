package io.skirmish.game.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.skirmish.client.GameSession;
import io.skirmish.game.world.MatchMode;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.testkit.process.RedisServerConfig;
import io.skirmish.testkit.process.RedisServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.StreamEntryID;

/**
 * Redis goes away in the middle of a match: the tick never waits, the match plays on, players get
 * their MatchEnd, and the result and events reach the streams once Redis is back.
 */
@Timeout(120)
class RedisOutageIT {

    @TempDir
    Path workDir;

    @Test
    void resultWrittenDuringAnOutageIsFlushedWhenRedisReturns() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(RedisServerConfig.defaults(workDir)
                .withExtraArgs("--appendonly", "yes", "--appendfsync", "always"));
             GameServerFixture fixture = new GameServerFixture(redis.endpoint(), "gs-outage", Duration.ofSeconds(5),
                     Duration.ofSeconds(30))) {
            fixture.allocate("outage-1", MatchMode.DUEL, List.of("a", "b"));
            GameSession a = fixture.connect(fixture.token("a", "outage-1", MatchMode.DUEL));
            fixture.connect(fixture.token("b", "outage-1", MatchMode.DUEL));
            await().atMost(5, TimeUnit.SECONDS).until(() -> a.snapshotsReceived() > 2);
            long ticksBefore = fixture.server.lanes().get(0).stats().ticks();

            redis.kill();
            for (int i = 0; i < 300 && !a.matchEnd().isDone(); i++) {
                a.sendInput(0, 0, 0, true);
                Thread.sleep(33);
            }
            // Players learn the result at once; the server holds it until Redis takes it.
            assertThat(a.matchEnd().get(10, TimeUnit.SECONDS).getMatchId()).isEqualTo("outage-1");
            assertThat(fixture.server.lanes().get(0).stats().ticks()).isGreaterThan(ticksBefore + 10);
            assertThat(fixture.counter("game.events.append.failures")).isPositive();
            assertThat(fixture.server.directory().matchCount()).isEqualTo(1);

            redis.start();
            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
                assertThat(fixture.redis.xlen(EventStreams.RESULTS)).isEqualTo(1);
                assertThat(fixture.redis.xrange(EventStreams.EVENTS, (StreamEntryID) null, null).stream()
                        .map(entry -> entry.getFields().get("type"))).contains("kill", "match_end");
            });
            await().atMost(5, TimeUnit.SECONDS).until(() -> fixture.server.directory().matchCount() == 0);
            assertThat(fixture.counter("game.events.dropped")).isZero();
        }
    }
}
