package io.skirmish.ranking.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.skirmish.protocol.ranking.v1.BoardRef;
import io.skirmish.protocol.ranking.v1.Entry;
import io.skirmish.protocol.ranking.v1.LeaderboardPage;
import io.skirmish.protocol.ranking.v1.ServerMessage;
import io.skirmish.ranking.store.Mode;
import org.junit.jupiter.api.Test;

/** Top's steps, fed with replies in the shapes Redis sends (no Redis needed to check the state machine). */
class TopCallTest {

    private final TopPageMembers pages = new TopPageMembers();
    private final BoardQueries.Resolved rating = new BoardQueries.Resolved(BoardRef.newBuilder().setBoard("duel").build(),
            new BoardName(Mode.DUEL, BoardName.Stat.RATING), "lb", "lb:ratings");

    @Test
    void readsTheRatingsInASecondStepTheFirstTime() {
        TopCall top = new TopCall(rating, 0, 9, pages);
        assertThat(commands(top.first())).containsExactly("ZCARD lb", "ZREVRANGE lb 0 9 WITHSCORES");
        BoardCall.Step ratings = top.next(List.of(2L, rows("a", 2e9, "b", 1e9)));
        assertThat(commands(ratings)).containsExactly("HMGET lb:ratings a b");
        assertThat(top.next(List.of(List.of(bytes("30 2"), bytes("25 3"))))).isNull();
        assertThat(page(top).getEntriesList()).extracting(Entry::getPlayerId).containsExactly("a", "b");
        assertThat(page(top).getEntries(1).getRating().getSigma()).isEqualTo(3);
    }

    @Test
    void asksForTheRatingsOfAKnownPageInTheFirstStep() {
        seedPageAB();

        TopCall again = new TopCall(rating, 0, 9, pages);
        assertThat(commands(again.first())).containsExactly("ZCARD lb", "ZREVRANGE lb 0 9 WITHSCORES",
                "HMGET lb:ratings a b");
        assertThat(again.next(List.of(2L, rows("a", 2e9, "b", 1e9), List.of(bytes("31 2"), bytes("25 3"))))).isNull();
        assertThat(page(again).getEntries(0).getRating().getMu()).isEqualTo(31);
    }

    @Test
    void readsTheRatingsAgainWhenThePageChanged() {
        seedPageAB();

        TopCall changed = new TopCall(rating, 0, 9, pages);
        changed.first();
        BoardCall.Step ratings = changed.next(List.of(3L, rows("c", 3e9, "a", 2e9), List.of(bytes("30 2"), bytes("25 3"))));
        assertThat(commands(ratings)).as("the guessed ratings belong to other players").containsExactly("HMGET lb:ratings c a");
        assertThat(changed.next(List.of(List.of(bytes("40 1"), bytes("30 2"))))).isNull();
        assertThat(page(changed).getEntriesList()).extracting(e -> e.getPlayerId() + "=" + e.getRating().getMu())
                .containsExactly("c=40.0", "a=30.0");
        assertThat(commands(new TopCall(rating, 0, 9, pages).first())).last().isEqualTo("HMGET lb:ratings c a");
    }

    /** A first Top 10 of the board answered with a, b: the page its members are remembered from. */
    private void seedPageAB() {
        TopCall first = new TopCall(rating, 0, 9, pages);
        first.first();
        first.next(List.of(2L, rows("a", 2e9, "b", 1e9)));
    }

    @Test
    void otherPagesAndBoardsWithoutRatingsTakeTheirOwnPath() {
        new TopCall(rating, 0, 9, pages).next(List.of(2L, rows("a", 2e9, "b", 1e9)));
        assertThat(commands(new TopCall(rating, 10, 19, pages).first())).hasSize(2);
        BoardQueries.Resolved wins = new BoardQueries.Resolved(BoardRef.newBuilder().setBoard("duel.wins").build(),
                new BoardName(Mode.DUEL, BoardName.Stat.WINS), "wins", null);
        TopCall top = new TopCall(wins, 0, 9, pages);
        assertThat(commands(top.first())).hasSize(2);
        assertThat(top.next(List.of(1L, rows("a", 4294967296.0 * 3)))).isNull();
        assertThat(page(top).getEntries(0).getScore()).isEqualTo(3);
        assertThat(page(top).getEntries(0).hasRating()).isFalse();
    }

    @Test
    void forgetsEverythingPastItsBound() {
        for (int i = 0; i <= TopPageMembers.MAX_PAGES; i++) {
            pages.remember("page" + i, new String[] {"a"});
        }
        assertThat(pages.guess("page0")).isNull();
        assertThat(pages.guess("page" + TopPageMembers.MAX_PAGES)).containsExactly("a");
    }

    private static List<Object> rows(Object... memberScore) {
        List<Object> rows = new ArrayList<>();
        for (Object value : memberScore) {
            rows.add(bytes(value instanceof Double d ? Double.toString(d) : (String) value));
        }
        return rows;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static LeaderboardPage page(BoardCall call) {
        ServerMessage.Builder message = ServerMessage.newBuilder();
        call.fill(message);
        return message.getPage();
    }

    /** The step as it goes on the wire, one "COMMAND arg arg" string per command. */
    private static List<String> commands(BoardCall.Step step) {
        ByteBuf out = Unpooled.buffer();
        step.writeTo(out);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < lines.length; ) {
            int parts = Integer.parseInt(lines[i++].substring(1));
            List<String> command = new ArrayList<>();
            for (int p = 0; p < parts; p++, i += 2) {
                command.add(lines[i + 1]);
            }
            commands.add(String.join(" ", command));
        }
        assertThat(commands).hasSize(step.replies());
        return commands;
    }
}
