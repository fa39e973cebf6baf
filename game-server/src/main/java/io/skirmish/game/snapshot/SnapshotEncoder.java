package io.skirmish.game.snapshot;

import io.skirmish.game.wire.ProtoWire;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes a {@code Snapshot} ({@code skirmish/game/v1/packets.proto}) for one player as a delta
 * against a baseline frame that player acknowledged: an entity's field is written only when it
 * changed, an entity that left the view is sent as {@code removed}, and with no baseline every
 * field of every visible entity is written (a full snapshot, {@code baseline_tick = 0}).
 *
 * <p>Writes the protobuf wire format by hand into a preallocated buffer: the tick thread calls
 * this for every player every tick, so it allocates nothing. Single-threaded.
 */
public final class SnapshotEncoder {

    private static final int TICK = 1;
    private static final int BASELINE_TICK = 2;
    private static final int ENTITIES = 3;
    private static final int LAST_INPUT = 4;

    private static final int ENTITY_ID = 1;
    private static final int X_CM = 2;
    private static final int Y_CM = 3;
    private static final int AIM = 4;
    private static final int HEALTH = 5;
    private static final int FLAGS = 6;
    private static final int REMOVED = 7;

    /** An entity delta is far below 128 bytes, so its length prefix is always one byte. */
    private static final int MAX_ENTITY_BYTES = 127;

    /**
     * Writes the snapshot of {@code current} against {@code baseline} (null for full) at
     * {@code offset}; returns the number of bytes written.
     */
    public int encode(MutableDirectBuffer buffer, int offset, SnapshotFrame current, SnapshotFrame baseline,
                      long lastProcessedInputSequence) {
        int position = ProtoWire.putUnsignedField(buffer, offset, TICK, current.tick);
        if (baseline != null) {
            position = ProtoWire.putUnsignedField(buffer, position, BASELINE_TICK, baseline.tick);
        }
        for (int i = 0; i < current.count; i++) {
            int before = baseline == null ? -1 : baseline.indexOf(current.entityIds[i]);
            position = writeEntity(buffer, position, current, i, baseline, before);
        }
        if (baseline != null) {
            for (int i = 0; i < baseline.count; i++) {
                if (current.indexOf(baseline.entityIds[i]) < 0) {
                    position = writeRemoved(buffer, position, baseline.entityIds[i]);
                }
            }
        }
        if (lastProcessedInputSequence > 0) {
            position = ProtoWire.putUnsignedField(buffer, position, LAST_INPUT, lastProcessedInputSequence);
        }
        return position - offset;
    }

    private static int writeEntity(MutableDirectBuffer buffer, int offset, SnapshotFrame now, int i,
                                   SnapshotFrame baseline, int before) {
        boolean full = before < 0;
        if (!full && now.xCm[i] == baseline.xCm[before] && now.yCm[i] == baseline.yCm[before]
                && now.aim[i] == baseline.aim[before] && now.health[i] == baseline.health[before]
                && now.flags[i] == baseline.flags[before]) {
            return offset;
        }
        int lengthAt = ProtoWire.putVarint(buffer, offset, ProtoWire.tag(ENTITIES, ProtoWire.WIRE_LENGTH_DELIMITED));
        int position = lengthAt + 1;
        position = ProtoWire.putUnsignedField(buffer, position, ENTITY_ID, now.entityIds[i]);
        if (full || now.xCm[i] != baseline.xCm[before]) {
            position = ProtoWire.putSignedField(buffer, position, X_CM, now.xCm[i]);
        }
        if (full || now.yCm[i] != baseline.yCm[before]) {
            position = ProtoWire.putSignedField(buffer, position, Y_CM, now.yCm[i]);
        }
        if (full || now.aim[i] != baseline.aim[before]) {
            position = ProtoWire.putUnsignedField(buffer, position, AIM, now.aim[i]);
        }
        if (full || now.health[i] != baseline.health[before]) {
            position = ProtoWire.putUnsignedField(buffer, position, HEALTH, now.health[i]);
        }
        if (full || now.flags[i] != baseline.flags[before]) {
            position = ProtoWire.putUnsignedField(buffer, position, FLAGS, now.flags[i]);
        }
        buffer.putByte(lengthAt, (byte) checkedLength(position - lengthAt - 1));
        return position;
    }

    private static int writeRemoved(MutableDirectBuffer buffer, int offset, int entityId) {
        int lengthAt = ProtoWire.putVarint(buffer, offset, ProtoWire.tag(ENTITIES, ProtoWire.WIRE_LENGTH_DELIMITED));
        int position = lengthAt + 1;
        position = ProtoWire.putUnsignedField(buffer, position, ENTITY_ID, entityId);
        position = ProtoWire.putUnsignedField(buffer, position, REMOVED, 1);
        buffer.putByte(lengthAt, (byte) checkedLength(position - lengthAt - 1));
        return position;
    }

    private static int checkedLength(int length) {
        if (length > MAX_ENTITY_BYTES) {
            throw new IllegalStateException("entity delta of " + length + " bytes exceeds " + MAX_ENTITY_BYTES);
        }
        return length;
    }
}
