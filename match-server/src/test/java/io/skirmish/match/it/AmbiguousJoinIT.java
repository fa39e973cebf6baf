package io.skirmish.match.it;

import io.skirmish.kit.redis.RedisAddress;
import io.skirmish.kit.redis.RedisConnector;
import io.skirmish.match.MatchServer;
import io.skirmish.match.queue.MatchKeys;
import io.skirmish.match.rules.QueueMode;
import io.skirmish.match.rules.Widening;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.match.v1.ServerMessage;
import io.skirmish.testkit.junit.RedisTest;
import io.skirmish.testkit.process.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A join whose ticket write reached Redis but whose reply was lost (the connection cut right
 * after the write). The match-server cannot tell it from a write that never happened, so it
 * must keep the player's index entry: the reliability count found that releasing it let the
 * player's retry write a second ticket, and a free-for-all formed with that player twice.
 */
@RedisTest(flushEachTest = true)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AmbiguousJoinIT {

    private static final String REGION = "it";
    private static final MatchKeys.Queue QUEUE = new MatchKeys.Queue(QueueMode.FFA, REGION);

    @Test
    void aTicketWrittenWhoseReplyWasLostKeepsThePlayerOutOfASecondTicket(RedisEndpoint endpoint) throws Exception {
        RedisAddress direct = RedisAddress.parse("redis://" + endpoint.host() + ":" + endpoint.port());
        try (ReplyDroppingRelay relay = new ReplyDroppingRelay(new InetSocketAddress(endpoint.host(), endpoint.port()));
             Instances instances = new Instances(RedisAddress.parse("redis://127.0.0.1:" + relay.port()));
             UnifiedJedis redis = RedisConnector.open(direct, "it-ambiguous", Duration.ofSeconds(5))) {
            MatchServer server = instances.start("m1", List.of(REGION), Widening.parse("3:4:100"));
            MatchClient client = MatchClient.connect(server.port());
            var session = client.session("dana");

            // Only the ticket write names both the queue's tickets hash (formation rounds name it
            // too) and the player (her reservation names her, not the hash).
            relay.dropRepliesAfter(QUEUE.tickets(), "dana");
            ServerMessage failed = client.join(session, GameMode.GAME_MODE_FFA, REGION).get(60, TimeUnit.SECONDS);

            assertThat(relay.fired()).as("the ticket write went through the relay").isTrue();
            assertThat(failed.hasError()).as("the join's reply was lost, so the client hears an error").isTrue();
            List<String> waiting = redis.zrange(QUEUE.waiting(), 0, -1);
            assertThat(waiting).as("yet the ticket was written").hasSize(1);
            assertThat(redis.get(MatchKeys.queued("dana"))).as("the player's entry still names it")
                    .contains(waiting.get(0));

            ServerMessage retry = client.join(session, GameMode.GAME_MODE_FFA, REGION).get(30, TimeUnit.SECONDS);

            assertThat(retry.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_ALREADY_QUEUED);
            assertThat(redis.zrange(QUEUE.waiting(), 0, -1)).as("one ticket for one player").containsExactlyElementsOf(waiting);
        }
    }
}
