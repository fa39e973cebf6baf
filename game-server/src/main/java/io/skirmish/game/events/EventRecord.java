package io.skirmish.game.events;

import io.skirmish.game.match.EventDescriptor;
import org.agrona.DirectBuffer;

/** Reads the fields of one {@link EventDescriptor} record; a flyweight the publisher reuses. */
final class EventRecord {

    private DirectBuffer buffer;
    private int index;
    int type;

    EventRecord wrap(int type, DirectBuffer buffer, int index) {
        this.type = type;
        this.buffer = buffer;
        this.index = index;
        return this;
    }

    int matchIndex() {
        return buffer.getInt(index + EventDescriptor.MATCH_INDEX_OFFSET);
    }

    int generation() {
        return buffer.getInt(index + EventDescriptor.GENERATION_OFFSET);
    }

    long tick() {
        return buffer.getLong(index + EventDescriptor.TICK_OFFSET);
    }

    int actor() {
        return buffer.getInt(index + EventDescriptor.A_OFFSET);
    }

    int other() {
        return buffer.getInt(index + EventDescriptor.B_OFFSET);
    }

    float x() {
        return buffer.getFloat(index + EventDescriptor.X_OFFSET);
    }

    float y() {
        return buffer.getFloat(index + EventDescriptor.Y_OFFSET);
    }

    int value() {
        return buffer.getInt(index + EventDescriptor.VALUE_OFFSET);
    }

    int extra() {
        return buffer.getInt(index + EventDescriptor.EXTRA_OFFSET);
    }

    int players() {
        return buffer.getInt(index + EventDescriptor.PLAYERS_OFFSET);
    }

    /** Stat {@code field} (0 team, 1 placement, 2 kills, 3 deaths, 4 damage, 5 shots, 6 hits, 7 flags: bit 0 present at the end, bit 1 connected now, bit 2 ever connected) of a slot. */
    int playerStat(int slot, int field) {
        return buffer.getInt(index + EventDescriptor.PLAYER_STATS_OFFSET
                + (slot * EventDescriptor.INTS_PER_PLAYER + field) * Integer.BYTES);
    }

    long rejections(int players, int reason) {
        return buffer.getLong(index + EventDescriptor.rejectionsOffset(players) + reason * Long.BYTES);
    }
}
