package io.skirmish.match.party;

import io.skirmish.protocol.match.v1.PartyUpdate;

import java.util.List;
import java.util.Map;

/**
 * A party as stored: its id, leader, members who accepted (leader first) and open invites
 * (player to expiry, epoch ms).
 */
public record Party(String id, String leader, List<String> members, Map<String, Long> invites) {

    public Party {
        members = List.copyOf(members);
        invites = Map.copyOf(invites);
    }

    /** The wire form for a member (or, with {@code removed}, for a player who just left it). */
    public PartyUpdate update(boolean removed) {
        return PartyUpdate.newBuilder().setPartyId(id).setLeaderId(leader).addAllMemberIds(members)
                .addAllInvitedIds(invites.keySet().stream().sorted().toList()).setRemoved(removed).build();
    }
}
