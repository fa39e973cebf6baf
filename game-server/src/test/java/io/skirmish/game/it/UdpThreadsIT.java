package io.skirmish.game.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.skirmish.client.GameSession;
import io.skirmish.game.world.MatchMode;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Several UDP sockets on one port (SO_REUSEPORT) and several tick lanes serve every player. */
@RedisTest(flushEachTest = true)
@Timeout(120)
class UdpThreadsIT {

    private GameServerFixture fixture;

    @BeforeEach
    void start(RedisEndpoint redis) throws Exception {
        fixture = new GameServerFixture(redis, "gs-udp", Duration.ofSeconds(5), Duration.ofSeconds(3), 2, 3);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void everyPlayerOnEveryLaneGetsSnapshotsThatReflectItsInputs() throws Exception {
        List<GameSession> sessions = new ArrayList<>();
        for (int m = 0; m < 4; m++) {
            String matchId = "duel-udp-" + m;
            fixture.allocate(matchId, MatchMode.DUEL, List.of(matchId + "-a", matchId + "-b"));
            sessions.add(fixture.connect(fixture.token(matchId + "-a", matchId, MatchMode.DUEL)));
            sessions.add(fixture.connect(fixture.token(matchId + "-b", matchId, MatchMode.DUEL)));
        }
        List<AtomicLong> processed = new ArrayList<>();
        for (GameSession session : sessions) {
            AtomicLong last = new AtomicLong();
            session.onSnapshot(snapshot -> last.set(snapshot.getLastProcessedInputSequence()));
            processed.add(last);
        }
        await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(33)).until(() -> {
            sessions.forEach(session -> session.sendInput(0.5, 0, 0, false));
            return sessions.stream().allMatch(session -> session.snapshotsReceived() > 0);
        });
        long[] sent = new long[sessions.size()];
        for (int i = 0; i < sessions.size(); i++) {
            sent[i] = sessions.get(i).sendInput(0, 0.5, 0, false);
        }
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> {
            for (int i = 0; i < sessions.size(); i++) {
                assertThat(processed.get(i).get()).as("player %d", i).isGreaterThanOrEqualTo(sent[i]);
            }
        });
        assertThat(fixture.server.lanes()).allSatisfy(lane -> assertThat(lane.table().active()).isPositive());
        assertThat(fixture.counter("game.net.packets.rejected", "reason", "foreign_address")).isZero();
    }
}
