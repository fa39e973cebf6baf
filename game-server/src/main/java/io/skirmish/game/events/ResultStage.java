package io.skirmish.game.events;

import java.util.function.Consumer;

import io.skirmish.game.match.MatchSpec;
import io.skirmish.game.match.Modes;
import io.skirmish.game.world.EndReason;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.game.v1.PlayerResult;

/**
 * Output "results": one {@code MatchResult} per match on {@code skirmish:results} (for the
 * ranking server), read from the match-end record; the action that frees the match's slot runs
 * only once the result is appended, so a draining server waits for it. Publisher thread only.
 */
final class ResultStage {

    private final StreamAppender appender;

    ResultStage(StreamAppender appender) {
        this.appender = appender;
    }

    /** The result a match-end record describes. */
    static MatchResult result(MatchSpec spec, EventRecord record, long startedAtMs, long endedAtMs) {
        EndReason reason = EndReason.values()[record.value()];
        MatchResult.Builder result = MatchResult.newBuilder()
                .setMatchId(spec.matchId())
                .setMode(Modes.toWire(spec.mode()))
                .setStartedAtMs(startedAtMs)
                .setEndedAtMs(endedAtMs)
                .setWinnerTeam(record.extra() + 1)
                .setEndReason(Modes.toWire(reason));
        for (int slot = 0; slot < record.players(); slot++) {
            result.addPlayers(PlayerResult.newBuilder()
                    .setPlayerId(spec.playerIds().get(slot))
                    .setTeam(record.playerStat(slot, 0) + 1)
                    .setPlacement(record.playerStat(slot, 1))
                    .setKills(record.playerStat(slot, 2))
                    .setDeaths(record.playerStat(slot, 3))
                    .setDamage(record.playerStat(slot, 4))
                    .setShots(record.playerStat(slot, 5))
                    .setHits(record.playerStat(slot, 6))
                    .setDisconnected((record.playerStat(slot, 7) & 1) == 0)
                    .setNeverConnected((record.playerStat(slot, 7) & 4) == 0));
        }
        return result.build();
    }

    /** Queues the result; {@code whenStored} runs with its stream entry id after it is in Redis. */
    void publish(MatchResult result, Consumer<String> whenStored) {
        appender.add(new StreamEntry(EventStreams.RESULTS,
                EventStreams.resultFields(result.getMatchId(), result.toByteArray())));
        appender.afterAppendOfLast(whenStored);
    }
}
