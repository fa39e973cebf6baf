package io.skirmish.game.events;

import io.skirmish.game.match.EventDescriptor;
import io.skirmish.game.match.MatchSpec;
import io.skirmish.game.snapshot.ViewBuilder;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.Vec2;
import io.skirmish.protocol.game.Quantize;
import io.skirmish.protocol.game.v1.GameEvent;
import io.skirmish.protocol.game.v1.Kill;
import io.skirmish.protocol.game.v1.MatchEnd;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.game.v1.MatchStarted;
import io.skirmish.protocol.game.v1.PlayerInfo;
import io.skirmish.protocol.game.v1.PlayerJoined;
import io.skirmish.protocol.game.v1.PlayerLeft;
import io.skirmish.protocol.game.v1.PlayerReconnected;
import io.skirmish.protocol.game.v1.Respawn;
import io.skirmish.protocol.game.v1.ServerMessage;

/**
 * Output "players": the reliable {@code GameEvent}s a match's players get over TCP (start,
 * joins, leaves, kills, respawns) and the final {@code MatchEnd}, sent at once: players never
 * wait for Redis. Publisher thread only.
 */
final class PlayerPushStage {

    private final PlayerChannels channels;

    PlayerPushStage(PlayerChannels channels) {
        this.channels = channels;
    }

    void started(MatchProgress match, EventRecord record, long endsAtMs) {
        push(match, record, match.startedAtMs(), GameEvent.newBuilder().setMatchStarted(MatchStarted.newBuilder()
                .setStartedAtMs(match.startedAtMs()).setEndsAtMs(endsAtMs)));
    }

    void joined(MatchProgress match, EventRecord record, long atMs) {
        int slot = record.actor();
        MatchSpec spec = match.spec();
        push(match, record, atMs, GameEvent.newBuilder().setPlayerJoined(PlayerJoined.newBuilder()
                .setPlayer(PlayerInfo.newBuilder().setPlayerId(spec.playerIds().get(slot))
                        .setEntityId(ViewBuilder.entityId(slot)).setTeam(spec.wireTeamOf(slot)))));
    }

    void reconnected(MatchProgress match, EventRecord record, long atMs) {
        push(match, record, atMs, GameEvent.newBuilder().setPlayerReconnected(PlayerReconnected.newBuilder()
                .setEntityId(ViewBuilder.entityId(record.actor()))));
    }

    void left(MatchProgress match, EventRecord record, long atMs) {
        push(match, record, atMs, GameEvent.newBuilder().setPlayerLeft(PlayerLeft.newBuilder()
                .setEntityId(ViewBuilder.entityId(record.actor()))
                .setLeftOnPurpose(record.value() == EventDescriptor.LEFT_ON_PURPOSE)));
    }

    void kill(MatchProgress match, EventRecord record, long atMs) {
        push(match, record, atMs, GameEvent.newBuilder().setKill(Kill.newBuilder()
                .setKillerEntityId(ViewBuilder.entityId(record.actor()))
                .setVictimEntityId(ViewBuilder.entityId(record.other()))
                .setEliminated(record.value() == 1)));
    }

    void respawn(MatchProgress match, EventRecord record, long atMs) {
        push(match, record, atMs, GameEvent.newBuilder().setRespawn(Respawn.newBuilder()
                .setEntityId(ViewBuilder.entityId(record.actor()))
                .setPosition(Vec2.newBuilder().setXCm(Quantize.metresToCm(record.x()))
                        .setYCm(Quantize.metresToCm(record.y())))));
    }

    /** Sends every player the result and closes the connections. */
    void ended(MatchResult result) {
        channels.end(result.getMatchId(), ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT)
                .setMatchEnd(MatchEnd.newBuilder().setResult(result)).build());
    }

    private void push(MatchProgress match, EventRecord record, long atMs, GameEvent.Builder event) {
        channels.send(match.spec().matchId(), ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT)
                .setEvent(event.setTick((int) record.tick()).setServerTimeMs(atMs)).build());
    }
}
