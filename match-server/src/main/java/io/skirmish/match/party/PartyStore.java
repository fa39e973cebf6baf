package io.skirmish.match.party;

import io.skirmish.kit.redis.LuaScript;
import io.skirmish.match.queue.MatchKeys;
import io.skirmish.protocol.ProtocolException;
import io.skirmish.protocol.common.v1.ErrorCode;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parties in Redis, shared by every match-server instance: the party hash
 * ({@link MatchKeys#party}) is changed only by scripts on that one key, so an invite, an accept,
 * a leave and a kick of the same party never interleave, on a single node or a cluster. The
 * player index ({@link MatchKeys#partyOf}) is written after the script and always checked against
 * the hash, so a stale index entry (a crash between the two) only costs a look-up. Parties live
 * for {@code ttl} after their last change. Thread-safe; blocking (run on the request workers).
 */
public final class PartyStore {

    /** The largest team of any mode (squad): a bigger party could never play together. */
    public static final int MAX_MEMBERS = 3;

    /**
     * KEYS[1] party. ARGV: op, caller, other player, now ms, invite expiry ms, max members, ttl ms.
     * Returns "OK" or an error word; every write renews the TTL.
     */
    static final LuaScript CHANGE = new LuaScript("match-party-change", """
            local leader = redis.call('HGET', KEYS[1], 'leader')
            if not leader then return 'NO_PARTY' end
            local members = {}
            for m in string.gmatch(redis.call('HGET', KEYS[1], 'members') or '', '[^,]+') do members[#members + 1] = m end
            local function has(p) for _, m in ipairs(members) do if m == p then return true end end return false end
            local function without(p) local out = {} for _, m in ipairs(members) do if m ~= p then out[#out + 1] = m end end return out end
            local op, caller, other, now = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
            if op == 'invite' then
              if leader ~= caller then return 'NOT_LEADER' end
              if has(other) then return 'ALREADY_MEMBER' end
              if #members >= tonumber(ARGV[6]) then return 'FULL' end
              redis.call('HSET', KEYS[1], 'inv:' .. other, ARGV[5])
            elseif op == 'accept' then
              local expiry = tonumber(redis.call('HGET', KEYS[1], 'inv:' .. caller) or '0')
              if expiry <= now then return 'NOT_INVITED' end
              redis.call('HDEL', KEYS[1], 'inv:' .. caller)
              if #members >= tonumber(ARGV[6]) then return 'FULL' end
              members[#members + 1] = caller
              redis.call('HSET', KEYS[1], 'members', table.concat(members, ','))
            elseif op == 'leave' then
              if not has(caller) then return 'NOT_MEMBER' end
              if leader == caller then redis.call('DEL', KEYS[1]) return 'DISBANDED' end
              redis.call('HSET', KEYS[1], 'members', table.concat(without(caller), ','))
            elseif op == 'kick' then
              if leader ~= caller then return 'NOT_LEADER' end
              if other == caller or not has(other) then return 'NOT_MEMBER' end
              redis.call('HSET', KEYS[1], 'members', table.concat(without(other), ','))
            else
              return 'BAD_OP'
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[7])
            return 'OK'
            """);

    private final UnifiedJedis redis;
    private final SecureRandom random;
    private final Duration ttl;

    public PartyStore(UnifiedJedis redis, SecureRandom random, Duration ttl) {
        this.redis = redis;
        this.random = random;
        this.ttl = ttl;
    }

    public void loadScripts() {
        CHANGE.load(redis);
    }

    /** A new party led by {@code leader}, who must be in none. */
    public Party create(String leader) throws ProtocolException {
        if (partyOf(leader) != null) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_STATE, "already in a party: leave it first");
        }
        byte[] id = new byte[8];
        random.nextBytes(id);
        String partyId = HexFormat.of().formatHex(id);
        String key = MatchKeys.party(partyId);
        redis.hset(key, Map.of("leader", leader, "members", leader));
        redis.pexpire(key, ttl.toMillis());
        redis.set(MatchKeys.partyOf(leader), partyId, SetParams.setParams().px(ttl.toMillis()));
        return new Party(partyId, leader, List.of(leader), Map.of());
    }

    /** The party {@code player} is a member of now, or null. */
    public Party partyOf(String player) {
        String partyId = redis.get(MatchKeys.partyOf(player));
        if (partyId == null) {
            return null;
        }
        Party party = read(partyId, Long.MIN_VALUE);
        return party != null && party.members().contains(player) ? party : null;
    }

    /** Invites {@code invitee} into the party {@code leader} leads; returns the party and the invite's expiry. */
    public Party invite(String leader, String invitee, long nowMs, Duration inviteTtl) throws ProtocolException {
        Party party = requireParty(leader);
        change(party.id(), "invite", leader, invitee, nowMs, nowMs + inviteTtl.toMillis());
        return read(party.id(), nowMs);
    }

    /** {@code player} accepts the party's invite: becomes a member. */
    public Party accept(String player, String partyId, long nowMs) throws ProtocolException {
        if (partyOf(player) != null) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_STATE, "already in a party: leave it first");
        }
        change(partyId, "accept", player, "", nowMs, 0);
        redis.set(MatchKeys.partyOf(player), partyId, SetParams.setParams().px(ttl.toMillis()));
        return read(partyId, nowMs);
    }

    /** The outcome of a leave: the party as it was, and whether the leader disbanded it. */
    public record Left(Party before, boolean disbanded) {
    }

    public Left leave(String player, long nowMs) throws ProtocolException {
        Party party = requireParty(player);
        boolean disbanded = "DISBANDED".equals(change(party.id(), "leave", player, "", nowMs, 0));
        for (String member : disbanded ? party.members() : List.of(player)) {
            dropIndex(member, party.id());
        }
        return new Left(party, disbanded);
    }

    /** The leader removes {@code member}; returns the party after. */
    public Party kick(String leader, String member, long nowMs) throws ProtocolException {
        Party party = requireParty(leader);
        change(party.id(), "kick", leader, member, nowMs, 0);
        dropIndex(member, party.id());
        return read(party.id(), nowMs);
    }

    /** The party {@code partyId} with invites still open at {@code nowMs}, or null when it does not exist. */
    public Party read(String partyId, long nowMs) {
        Map<String, String> fields = redis.hgetAll(MatchKeys.party(partyId));
        String leader = fields.get("leader");
        if (leader == null) {
            return null;
        }
        Map<String, Long> invites = new LinkedHashMap<>();
        fields.forEach((field, value) -> {
            if (field.startsWith("inv:") && Long.parseLong(value) > nowMs) {
                invites.put(field.substring(4), Long.parseLong(value));
            }
        });
        List<String> members = new ArrayList<>(Arrays.asList(fields.getOrDefault("members", leader).split(",")));
        return new Party(partyId, leader, members, invites);
    }

    private Party requireParty(String player) throws ProtocolException {
        Party party = partyOf(player);
        if (party == null) {
            throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_STATE, "not in a party");
        }
        return party;
    }

    private void dropIndex(String player, String partyId) {
        String key = MatchKeys.partyOf(player);
        if (partyId.equals(redis.get(key))) {
            redis.del(key);
        }
    }

    private String change(String partyId, String op, String caller, String other, long nowMs, long inviteExpiryMs)
            throws ProtocolException {
        String outcome = String.valueOf(CHANGE.run(redis, List.of(MatchKeys.party(partyId)), List.of(op, caller, other,
                Long.toString(nowMs), Long.toString(inviteExpiryMs), Integer.toString(MAX_MEMBERS),
                Long.toString(ttl.toMillis()))));
        return switch (outcome) {
            case "OK", "DISBANDED" -> outcome;
            case "NO_PARTY" -> throw new ProtocolException(ErrorCode.ERROR_CODE_PARTY_INVALID, "no such party");
            case "NOT_INVITED" -> throw new ProtocolException(ErrorCode.ERROR_CODE_PARTY_INVALID,
                    "not invited to this party, or the invite expired");
            case "FULL" -> throw new ProtocolException(ErrorCode.ERROR_CODE_PARTY_INVALID,
                    "the party has " + MAX_MEMBERS + " members already");
            case "NOT_LEADER" -> throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_STATE, "only the leader may do that");
            case "ALREADY_MEMBER" -> throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_STATE, "already a member");
            case "NOT_MEMBER" -> throw new ProtocolException(ErrorCode.ERROR_CODE_INVALID_STATE, "not a member of the party");
            default -> throw new IllegalStateException("party script answered " + outcome);
        };
    }
}
