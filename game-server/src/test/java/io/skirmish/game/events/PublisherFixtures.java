package io.skirmish.game.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.skirmish.game.match.EventDescriptor;
import io.skirmish.game.match.MatchSpec;
import io.skirmish.game.tick.MatchHandle;
import io.skirmish.game.world.InputRejection;
import io.skirmish.game.world.MatchMode;
import io.skirmish.protocol.contract.EventStreams;
import io.skirmish.protocol.game.v1.ServerMessage;
import org.agrona.concurrent.UnsafeBuffer;

/** Event records written the way a tick agent writes them, and recording ports, for the publisher's stage tests. */
final class PublisherFixtures {

    static final MatchSpec DUEL = new MatchSpec("m-1", MatchMode.DUEL, "eu", List.of("ann", "bob"), 0.9, 0);

    private PublisherFixtures() {
    }

    static MatchProgress progress() {
        return new MatchProgress(new MatchHandle(DUEL, 0, 0, 1, null));
    }

    /** One record of {@code type} at {@code tick}: actor, other, position, value, extra. */
    static EventRecord record(int type, long tick, int actor, int other, float x, float y, int value, int extra) {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[EventDescriptor.BASE_LENGTH + 8]);
        buffer.putLong(EventDescriptor.TICK_OFFSET, tick);
        buffer.putInt(EventDescriptor.A_OFFSET, actor);
        buffer.putInt(EventDescriptor.B_OFFSET, other);
        buffer.putFloat(EventDescriptor.X_OFFSET, x);
        buffer.putFloat(EventDescriptor.Y_OFFSET, y);
        buffer.putInt(EventDescriptor.VALUE_OFFSET, value);
        buffer.putInt(EventDescriptor.EXTRA_OFFSET, extra);
        return new EventRecord().wrap(type, buffer, 0);
    }

    /**
     * A duel's match-end record: ann (slot 0, team 0) won with 3 kills; bob disconnected.
     * Rejected inputs: 2 speed clamps.
     */
    static EventRecord duelEnd(long tick, int reasonOrdinal) {
        int players = 2;
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[EventDescriptor.matchEndLength(players,
                InputRejection.values().length)]);
        buffer.putLong(EventDescriptor.TICK_OFFSET, tick);
        buffer.putInt(EventDescriptor.VALUE_OFFSET, reasonOrdinal);
        buffer.putInt(EventDescriptor.EXTRA_OFFSET, 0);
        buffer.putInt(EventDescriptor.PLAYERS_OFFSET, players);
        int[][] stats = {{0, 1, 3, 0, 300, 10, 3, 0b11}, {1, 2, 0, 3, 40, 8, 1, 0b00}};
        for (int slot = 0; slot < players; slot++) {
            for (int field = 0; field < EventDescriptor.INTS_PER_PLAYER; field++) {
                buffer.putInt(EventDescriptor.PLAYER_STATS_OFFSET
                        + (slot * EventDescriptor.INTS_PER_PLAYER + field) * Integer.BYTES, stats[slot][field]);
            }
        }
        buffer.putLong(EventDescriptor.rejectionsOffset(players) + InputRejection.SPEED_CLAMPED.ordinal() * Long.BYTES, 2);
        return new EventRecord().wrap(EventDescriptor.MATCH_ENDED, buffer, 0);
    }

    /**
     * A store that takes or refuses batches, keeping what it took under ids {@code <n>-0}, and
     * that can lose its last entries the way a crashed Redis loses the suffix of its log.
     */
    static final class InMemoryStreamWriter implements StreamWriter {
        final List<StreamEntry> appended = new ArrayList<>();
        /** What the store still holds, by entry id, in append order. */
        final Map<String, StreamEntry> held = new LinkedHashMap<>();
        boolean refusing;
        int calls;
        int checks;
        private long nextId = 1;

        @Override
        public Optional<List<String>> append(List<StreamEntry> entries) {
            calls++;
            if (refusing) {
                return Optional.empty();
            }
            List<String> ids = new ArrayList<>();
            for (StreamEntry entry : entries) {
                String id = (nextId++) + "-0";
                appended.add(entry);
                held.put(id, entry);
                ids.add(id);
            }
            return Optional.of(ids);
        }

        @Override
        public Optional<Set<String>> missing(String stream, Map<String, String> entries) {
            checks++;
            if (refusing) {
                return Optional.empty();
            }
            Set<String> missing = new HashSet<>();
            entries.forEach((id, matchId) -> {
                StreamEntry entry = held.get(id);
                if (entry == null || !entry.stream().equals(stream) || !entry.matchId().equals(matchId)) {
                    missing.add(id);
                }
            });
            return Optional.of(missing);
        }

        /** Forgets the last {@code count} entries it took, as a Redis crash loses the end of its log. */
        void loseLast(int count) {
            List<String> ids = new ArrayList<>(held.keySet());
            ids.subList(ids.size() - count, ids.size()).forEach(held::remove);
        }

        /** The results it holds, by match id, as many times as they were stored. */
        List<String> heldResults() {
            List<String> ids = new ArrayList<>();
            for (StreamEntry entry : held.values()) {
                if (entry.stream().equals(EventStreams.RESULTS)) {
                    ids.add(entry.matchId());
                }
            }
            return ids;
        }

        List<String> docs() {
            List<String> docs = new ArrayList<>();
            for (StreamEntry entry : appended) {
                if (entry.stream().equals(EventStreams.EVENTS)) {
                    docs.add(field(entry.fields(), EventStreams.FIELD_DOC));
                }
            }
            return docs;
        }

        static String field(Map<byte[], byte[]> fields, String name) {
            for (Map.Entry<byte[], byte[]> field : fields.entrySet()) {
                if (new String(field.getKey(), StandardCharsets.UTF_8).equals(name)) {
                    return new String(field.getValue(), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    /** One message sent to a match's players. */
    record Sent(String matchId, ServerMessage message, boolean last) {
    }

    /** The players' channels as a list of what was sent. */
    static final class RecordedChannels implements PlayerChannels {
        final List<Sent> sent = new ArrayList<>();
        final List<String> forgotten = new ArrayList<>();

        @Override
        public void send(String matchId, ServerMessage message) {
            sent.add(new Sent(matchId, message, false));
        }

        @Override
        public void end(String matchId, ServerMessage message) {
            sent.add(new Sent(matchId, message, true));
        }

        @Override
        public void forget(String matchId) {
            forgotten.add(matchId);
        }
    }
}
