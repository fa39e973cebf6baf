package io.skirmish.ranking.board;

import java.util.List;

import com.google.protobuf.Message;
import io.skirmish.protocol.ranking.v1.LeaderboardPage;
import io.skirmish.protocol.ranking.v1.PlayerRank;
import io.skirmish.protocol.ranking.v1.ServerMessage;

/** A query answered from the {@link PageCache}: no step, the answer is ready. */
final class CachedCall extends BoardCall {

    private final Message answer;

    CachedCall(String name, Message answer) {
        super(name);
        this.answer = answer;
    }

    @Override
    public Step first() {
        return null;
    }

    @Override
    public Step next(List<Object> replies) {
        throw new IllegalStateException("a cached answer has no step");
    }

    @Override
    public void fill(ServerMessage.Builder into) {
        if (answer instanceof LeaderboardPage page) {
            into.setPage(page);
        } else {
            into.setPlayerRank((PlayerRank) answer);
        }
    }
}
