package io.skirmish.match.party;

import io.skirmish.match.queue.Pushes;
import io.skirmish.match.queue.QueueService;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.ProtocolVersion;
import io.skirmish.protocol.common.v1.ErrorCode;
import io.skirmish.protocol.match.v1.PartyInvite;
import io.skirmish.protocol.match.v1.PartyUpdate;
import io.skirmish.protocol.match.v1.ServerMessage;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The party requests: what the caller is answered and what the other players are told (through
 * {@link Pushes}, so members on other match-server instances hear it too). Consent is the rule:
 * only an invited player's own accept makes it a member, and only the leader queues the party
 * ({@link #queueable}). Thread-safe; blocking (Redis), run on the request workers.
 */
public final class PartyService {

    private static final Pattern PARTY_ID = Pattern.compile("[0-9a-f]{16}");

    private final PartyStore store;
    private final Pushes pushes;
    private final InstantSource clock;
    private final Duration inviteTtl;

    public PartyService(PartyStore store, Pushes pushes, InstantSource clock, Duration inviteTtl) {
        this.store = store;
        this.pushes = pushes;
        this.clock = clock;
        this.inviteTtl = inviteTtl;
    }

    public ServerMessage.Builder create(String leader) throws ProtocolException {
        return reply(store.create(leader).update(false));
    }

    public ServerMessage.Builder invite(String leader, String invitee) throws ProtocolException {
        checkPlayer(invitee);
        if (invitee.equals(leader)) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT, "cannot invite yourself");
        }
        long now = clock.millis();
        Party party = store.invite(leader, invitee, now, inviteTtl);
        pushes.push(invitee, ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT)
                .setPartyInvite(PartyInvite.newBuilder().setPartyId(party.id()).setLeaderId(leader)
                        .setExpiresAtMs(now + inviteTtl.toMillis())).build());
        return reply(party.update(false));
    }

    public ServerMessage.Builder accept(String player, String partyId) throws ProtocolException {
        checkPartyId(partyId);
        Party party = store.accept(player, partyId, clock.millis());
        tellOthers(party, player, party.update(false));
        return reply(party.update(false));
    }

    public ServerMessage.Builder leave(String player) throws ProtocolException {
        PartyStore.Left left = store.leave(player, clock.millis());
        Party before = left.before();
        if (left.disbanded()) {
            tellOthers(before, player, before.update(true));
        } else {
            Party after = store.read(before.id(), clock.millis());
            if (after != null) {
                tellOthers(after, player, after.update(false));
            }
        }
        return reply(before.update(true));
    }

    public ServerMessage.Builder kick(String leader, String member) throws ProtocolException {
        checkPlayer(member);
        Party after = store.kick(leader, member, clock.millis());
        if (after == null) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_PARTY_INVALID, "no such party");
        }
        pushes.push(member, message(after.update(true)));
        tellOthers(after, leader, after.update(false));
        return reply(after.update(false));
    }

    /**
     * The members {@code leader} may queue with {@code partyId}: the leader must lead it, and it
     * must have another member who accepted. The leader first.
     */
    public List<String> queueable(String leader, String partyId) throws ProtocolException {
        checkPartyId(partyId);
        Party party = store.read(partyId, clock.millis());
        if (party == null || !party.members().contains(leader)) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_PARTY_INVALID, "not a member of party " + partyId);
        }
        if (!party.leader().equals(leader)) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_STATE, "only the party leader queues the party");
        }
        if (party.members().size() < 2) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_PARTY_INVALID,
                    "nobody has accepted an invite yet: queue alone or wait for an accept");
        }
        return party.members();
    }

    private void tellOthers(Party party, String except, PartyUpdate update) {
        for (String member : party.members()) {
            if (!member.equals(except)) {
                pushes.push(member, message(update));
            }
        }
    }

    private static ServerMessage message(PartyUpdate update) {
        return ServerMessage.newBuilder().setVersion(ProtocolVersion.CURRENT).setPartyUpdate(update).build();
    }

    private static ServerMessage.Builder reply(PartyUpdate update) {
        return ServerMessage.newBuilder().setPartyUpdate(update);
    }

    private static void checkPlayer(String player) throws ProtocolException {
        if (!QueueService.PLAYER_ID.matcher(player).matches()) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_ARGUMENT, "player id is not 1..64 of [A-Za-z0-9._:-]");
        }
    }

    private static void checkPartyId(String partyId) throws ProtocolException {
        if (!PARTY_ID.matcher(partyId).matches()) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_PARTY_INVALID, "party id is not 16 hex digits");
        }
    }
}
