package io.skirmish.protocol.vectors;

import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.Bounds;
import io.skirmish.protocol.common.v1.Error;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.common.v1.GameMode;
import io.skirmish.protocol.common.v1.Ping;
import io.skirmish.protocol.common.v1.Pong;
import io.skirmish.protocol.common.v1.Vec2;
import io.skirmish.protocol.game.v1.Connect;
import io.skirmish.protocol.game.v1.EndReason;
import io.skirmish.protocol.game.v1.GameEvent;
import io.skirmish.protocol.game.v1.Kill;
import io.skirmish.protocol.game.v1.Leave;
import io.skirmish.protocol.game.v1.MatchEnd;
import io.skirmish.protocol.game.v1.MatchInfo;
import io.skirmish.protocol.game.v1.MatchResult;
import io.skirmish.protocol.game.v1.PlayerInfo;
import io.skirmish.protocol.game.v1.PlayerResult;
import io.skirmish.protocol.game.v1.Welcome;
import io.skirmish.protocol.match.v1.AcceptPartyInvite;
import io.skirmish.protocol.match.v1.CreateParty;
import io.skirmish.protocol.match.v1.InviteToParty;
import io.skirmish.protocol.match.v1.JoinQueue;
import io.skirmish.protocol.match.v1.KickFromParty;
import io.skirmish.protocol.match.v1.LeaveParty;
import io.skirmish.protocol.match.v1.LeaveQueue;
import io.skirmish.protocol.match.v1.Login;
import io.skirmish.protocol.match.v1.LoginOk;
import io.skirmish.protocol.match.v1.MatchAborted;
import io.skirmish.protocol.match.v1.MatchFound;
import io.skirmish.protocol.match.v1.PartyInvite;
import io.skirmish.protocol.match.v1.PartyUpdate;
import io.skirmish.protocol.match.v1.QueueState;
import io.skirmish.protocol.match.v1.QueueStatusRequest;
import io.skirmish.protocol.match.v1.QueueUpdate;
import io.skirmish.protocol.ranking.v1.Around;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.Entry;
import io.skirmish.protocol.ranking.v1.Friends;
import io.skirmish.protocol.ranking.v1.LeaderboardPage;
import io.skirmish.protocol.ranking.v1.Period;
import io.skirmish.protocol.ranking.v1.PlayerRank;
import io.skirmish.protocol.ranking.v1.Rank;
import io.skirmish.protocol.ranking.v1.Rating;
import io.skirmish.protocol.ranking.v1.Top;

/**
 * One realistic envelope per body case of every service, in both directions, with values the
 * local stack accepts (region {@code local}, board names and period keys the ranking-server
 * serves). The source of {@code vectors/envelopes.json}.
 */
final class EnvelopeSamples {

    /** A named envelope; {@code service} is match, game or ranking. */
    record Sample(String service, String body, Message message) {
    }

    /** Tokens are opaque to clients: any bytes stand for one here (real ones are in tokens.json). */
    private static final ByteString SESSION_TOKEN = ByteString.fromHex("a5".repeat(96));
    private static final ByteString CONNECT_TOKEN = ByteString.fromHex("5a".repeat(150));
    private static final ByteString CONNECT_TOKEN_ID = ByteString.fromHex("000102030405060708090a0b0c0d0e0f");

    private EnvelopeSamples() {
    }

    static List<Sample> all() {
        return List.of(
                // A device's first login: no secret yet (later logins send LoginOk.device_secret).
                match("login", mc(1).setLogin(Login.newBuilder().setDeviceId("6f1c2a9e-4b7d-4e0a-9c3b-2d5e8f7a1b60")
                        .setClientVersion("1.0.0"))),
                match("join_queue", mc(2).setJoinQueue(JoinQueue.newBuilder().setSessionToken(SESSION_TOKEN)
                        .setMode(GameMode.GAME_MODE_DUEL).setRegion("local"))),
                match("leave_queue", mc(3).setLeaveQueue(LeaveQueue.newBuilder().setSessionToken(SESSION_TOKEN))),
                match("queue_status", mc(4).setQueueStatus(QueueStatusRequest.newBuilder().setSessionToken(SESSION_TOKEN))),
                match("ping", mc(5).setPing(Ping.newBuilder().setClientTimeMs(1_765_000_000_000L))),
                match("create_party", mc(6).setCreateParty(CreateParty.newBuilder().setSessionToken(SESSION_TOKEN))),
                match("invite_to_party", mc(7).setInviteToParty(InviteToParty.newBuilder().setSessionToken(SESSION_TOKEN)
                        .setPlayerId("d-0a1b2c3d4e5f60718293a4b5"))),
                match("accept_party_invite", mc(8).setAcceptPartyInvite(AcceptPartyInvite.newBuilder()
                        .setSessionToken(SESSION_TOKEN).setPartyId("p-7c1e"))),
                match("leave_party", mc(9).setLeaveParty(LeaveParty.newBuilder().setSessionToken(SESSION_TOKEN))),
                match("kick_from_party", mc(10).setKickFromParty(KickFromParty.newBuilder().setSessionToken(SESSION_TOKEN)
                        .setPlayerId("d-0a1b2c3d4e5f60718293a4b5"))),
                match("party_update", ms(7).setPartyUpdate(PartyUpdate.newBuilder().setPartyId("p-7c1e")
                        .setLeaderId("d-6b1f0e3a9c2d4e5f60718293").addMemberIds("d-6b1f0e3a9c2d4e5f60718293")
                        .addInvitedIds("d-0a1b2c3d4e5f60718293a4b5"))),
                match("party_invite", ms(0).setPlayerId("d-0a1b2c3d4e5f60718293a4b5").setPartyInvite(PartyInvite.newBuilder()
                        .setPartyId("p-7c1e").setLeaderId("d-6b1f0e3a9c2d4e5f60718293").setExpiresAtMs(1_765_000_060_000L))),
                match("login_ok", ms(1).setLoginOk(LoginOk.newBuilder().setSessionToken(SESSION_TOKEN)
                        .setPlayerId("d-6b1f0e3a9c2d4e5f60718293").setExpiresAtMs(1_765_043_200_000L)
                        .setDeviceSecret(ByteString.fromHex("c3".repeat(32))))),
                match("queue_update", ms(2).setQueueUpdate(QueueUpdate.newBuilder()
                        .setState(QueueState.QUEUE_STATE_SEARCHING).setQueueSize(1).setSkillWindow(3.0)
                        .setMode(GameMode.GAME_MODE_DUEL).setRegion("local"))),
                match("match_found", ms(0).setPlayerId("player-1").setMatchFound(MatchFound.newBuilder()
                        .setMatchId("m-5f2c").setMode(GameMode.GAME_MODE_DUEL).setHost("127.0.0.1").setTcpPort(7700)
                        .setUdpPort(7701).setConnectToken(CONNECT_TOKEN).setTeam(1)
                        .setExpiresAtMs(1_765_000_600_000L).setRegion("local").setConnectTokenId(CONNECT_TOKEN_ID))),
                match("match_aborted", ms(0).setPlayerId("player-1").setMatchAborted(MatchAborted.newBuilder()
                        .setMatchId("m-5f2c").setReason("game server lost").setRequeued(true)
                        .setMode(GameMode.GAME_MODE_DUEL).setRegion("local"))),
                match("error", ms(6).setError(Error.newBuilder().setCode(ErrorCode.ERROR_CODE_UNKNOWN_REGION)
                        .setMessage("region 'eu-west' is not one of [local]"))),
                match("pong", ms(5).setPong(Pong.newBuilder().setClientTimeMs(1_765_000_000_000L)
                        .setServerTimeMs(1_765_000_000_004L))),

                game("connect", gc(1).setConnect(Connect.newBuilder()
                        .setConnectToken(CONNECT_TOKEN)
                        .setClientPublicKey(ByteString.fromHex(
                                "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"))
                        .setClientVersion("1.0.0"))),
                game("ping", gc(2).setPing(Ping.newBuilder().setClientTimeMs(1_765_000_000_000L))),
                game("leave", gc(3).setLeave(Leave.getDefaultInstance())),
                game("welcome", gs(1).setWelcome(Welcome.newBuilder().setConnectionId(0x0123456789ABCDEFL)
                        .setServerPublicKey(ByteString.fromHex(
                                "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"))
                        .setTickRateHz(30).setMatch(MatchInfo.newBuilder().setMatchId("m-5f2c")
                                .setMode(GameMode.GAME_MODE_DUEL).setTimeLimitMs(120_000).setMaxHealth(100)
                                .addPlayers(PlayerInfo.newBuilder().setPlayerId("player-1").setEntityId(1).setTeam(1))
                                .addPlayers(PlayerInfo.newBuilder().setPlayerId("player-2").setEntityId(2).setTeam(2)))
                        .setYourEntityId(1).setTeam(1)
                        .setMapBounds(Bounds.newBuilder().setMin(Vec2.newBuilder())
                                .setMax(Vec2.newBuilder().setXCm(4000).setYCm(4000)))
                        .setServerTimeMs(1_765_000_000_010L).setResumeSecret(ByteString.fromHex("e7".repeat(32))))),
                game("event", gs(0).setEvent(GameEvent.newBuilder().setTick(300).setServerTimeMs(1_765_000_010_000L)
                        .setKill(Kill.newBuilder().setKillerEntityId(1).setVictimEntityId(2)))),
                game("match_end", gs(0).setMatchEnd(MatchEnd.newBuilder().setResult(MatchResult.newBuilder()
                        .setMatchId("m-5f2c").setMode(GameMode.GAME_MODE_DUEL).setStartedAtMs(1_765_000_000_000L)
                        .setEndedAtMs(1_765_000_120_000L).setWinnerTeam(1).setEndReason(EndReason.END_REASON_VICTORY)
                        .addPlayers(PlayerResult.newBuilder().setPlayerId("player-1").setTeam(1).setPlacement(1)
                                .setKills(3).setShots(40).setHits(12).setDamage(300))
                        .addPlayers(PlayerResult.newBuilder().setPlayerId("player-2").setTeam(2).setPlacement(2)
                                .setDeaths(3).setShots(35).setHits(9).setDamage(225))))),
                game("pong", gs(2).setPong(Pong.newBuilder().setClientTimeMs(1_765_000_000_000L)
                        .setServerTimeMs(1_765_000_000_004L))),
                game("error", gs(1).setError(Error.newBuilder().setCode(ErrorCode.ERROR_CODE_TOKEN_EXPIRED)
                        .setMessage("token expired"))),

                ranking("top", rc(1).setTop(Top.newBuilder().setBoard(board("duel", Period.PERIOD_SEASON, "s1"))
                        .setCount(10))),
                ranking("around", rc(2).setAround(Around.newBuilder()
                        .setBoard(board("duel.wins", Period.PERIOD_WEEKLY, "")).setPlayerId("player-1").setCount(5))),
                ranking("rank", rc(3).setRank(Rank.newBuilder()
                        .setBoard(board("ffa.kills", Period.PERIOD_DAILY, "2026-12-07")).setPlayerId("player-1"))),
                ranking("friends", rc(4).setFriends(Friends.newBuilder()
                        .setBoard(board("squad.wins", Period.PERIOD_WEEKLY, "2026-W50"))
                        .addPlayerIds("player-1").addPlayerIds("player-2"))),
                ranking("page", rs(1).setPage(LeaderboardPage.newBuilder().setBoard(board("duel", Period.PERIOD_SEASON, "s1"))
                        .addEntries(Entry.newBuilder().setRank(1).setPlayerId("player-1").setScore(1234.5)
                                .setRating(Rating.newBuilder().setMu(29.5).setSigma(6.1)))
                        .setTotalEntries(1))),
                ranking("player_rank", rs(3).setPlayerRank(PlayerRank.newBuilder()
                        .setBoard(board("ffa.kills", Period.PERIOD_DAILY, "2026-12-07")).setFound(true)
                        .setEntry(Entry.newBuilder().setRank(4).setPlayerId("player-1").setScore(17)))),
                ranking("error", rs(5).setError(Error.newBuilder().setCode(ErrorCode.ERROR_CODE_UNKNOWN_BOARD)
                        .setMessage("no board duel for period weekly"))));
    }

    private static BoardRef board(String name, Period period, String key) {
        return BoardRef.newBuilder().setBoard(name).setPeriod(period).setPeriodKey(key).build();
    }

    private static Sample match(String body, com.google.protobuf.Message.Builder message) {
        return new Sample("match", body, message.build());
    }

    private static Sample game(String body, com.google.protobuf.Message.Builder message) {
        return new Sample("game", body, message.build());
    }

    private static Sample ranking(String body, com.google.protobuf.Message.Builder message) {
        return new Sample("ranking", body, message.build());
    }

    private static io.skirmish.protocol.match.v1.ClientMessage.Builder mc(long requestId) {
        return io.skirmish.protocol.match.v1.ClientMessage.newBuilder().setVersion(ProtocolVersion.CURRENT)
                .setRequestId(requestId);
    }

    private static io.skirmish.protocol.match.v1.ServerMessage.Builder ms(long requestId) {
        return io.skirmish.protocol.match.v1.ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT)
                .setRequestId(requestId);
    }

    private static io.skirmish.protocol.game.v1.ClientMessage.Builder gc(long requestId) {
        return io.skirmish.protocol.game.v1.ClientMessage.newBuilder().setVersion(ProtocolVersion.CURRENT)
                .setRequestId(requestId);
    }

    private static io.skirmish.protocol.game.v1.ServerMessage.Builder gs(long requestId) {
        return io.skirmish.protocol.game.v1.ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT)
                .setRequestId(requestId);
    }

    private static io.skirmish.protocol.ranking.v1.ClientMessage.Builder rc(long requestId) {
        return io.skirmish.protocol.ranking.v1.ClientMessage.newBuilder().setVersion(ProtocolVersion.CURRENT)
                .setRequestId(requestId);
    }

    private static io.skirmish.protocol.ranking.v1.ServerMessage.Builder rs(long requestId) {
        return io.skirmish.protocol.ranking.v1.ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT)
                .setRequestId(requestId);
    }
}
