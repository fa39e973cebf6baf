package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.game.v1.PlayerResult;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

/**
 * The drills' "players in two matches at once" check, on a real results stream: a match written
 * twice (a game server re-sends a result it could not see in the stream) is one match, while two
 * different matches whose times overlap are the fault the check is for.
 */
@RedisTest(flushEachTest = true)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DrillLedgerIT {

    @Test
    void aResultWrittenTwiceIsOneMatchAndAnOverlappingSecondMatchIsFound(RedisEndpoint endpoint) {
        try (UnifiedJedis redis = RedisConnector.open(
                RedisAddress.parse("redis://" + endpoint.host() + ":" + endpoint.port()), "it-ledger", Duration.ofSeconds(5))) {
            DrillLedger ledger = new DrillLedger(redis);
            append(redis, result("m1", 1_000, 5_000, "ana", "bo"));
            append(redis, result("m1", 1_000, 5_000, "ana", "bo"));

            assertThat(ledger.playersInTwoMatchesAtOnce()).as("one match re-sent").isEmpty();

            append(redis, result("m2", 4_000, 9_000, "bo", "cy"));

            assertThat(ledger.playersInTwoMatchesAtOnce()).containsExactly("bo in m1 and m2");
        }
    }

    private static MatchResult result(String matchId, long startedMs, long endedMs, String... players) {
        MatchResult.Builder result = MatchResult.newBuilder().setMatchId(matchId).setMode(GameMode.GAME_MODE_DUEL)
                .setStartedAtMs(startedMs).setEndedAtMs(endedMs);
        for (int i = 0; i < players.length; i++) {
            result.addPlayers(PlayerResult.newBuilder().setPlayerId(players[i]).setTeam(i + 1).setPlacement(i + 1));
        }
        return result.build();
    }

    private static void append(UnifiedJedis redis, MatchResult result) {
        redis.xadd(EventStreams.bytes(EventStreams.RESULTS), XAddParams.xAddParams(),
                EventStreams.resultFields(result.getMatchId(), result.toByteArray()));
    }
}
