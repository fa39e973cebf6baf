package io.skirmish.game.match;

/**
 * Layout of the gameplay events a tick agent hands to the event publisher through a
 * one-to-one ring buffer (little-endian, fixed offsets, no object per event).
 *
 * <pre>
 *  offset  field
 *   0      match index (int)
 *   4      match generation (int)
 *   8      tick (long)
 *  16      a: actor slot (int)        shooter, killer, joining/leaving/respawning player
 *  20      b: other slot (int)        target or victim, -1 when none
 *  24      x (float, metres)
 *  28      y (float, metres)
 *  32      value (int)                hit flag, end reason ordinal, leave cause
 *  36      extra (int)                winning team for MATCH_END
 *  40      players (int), then per player 7 ints: team, placement, kills, deaths, damage, shots, hits,
 *          then flags (bit 0 present at the end, bit 1 connected), then the input rejection
 *          counts of the match's validator (one long per reason).     MATCH_END only
 * </pre>
 */
public final class EventDescriptor {

    public static final int MATCH_STARTED = 1;
    public static final int SHOT = 2;
    public static final int KILL = 3;
    public static final int RESPAWN = 4;
    public static final int JOINED = 5;
    public static final int LEFT = 6;
    public static final int RECONNECTED = 7;
    public static final int MATCH_ENDED = 8;

    public static final int MATCH_INDEX_OFFSET = 0;
    public static final int GENERATION_OFFSET = 4;
    public static final int TICK_OFFSET = 8;
    public static final int A_OFFSET = 16;
    public static final int B_OFFSET = 20;
    public static final int X_OFFSET = 24;
    public static final int Y_OFFSET = 28;
    public static final int VALUE_OFFSET = 32;
    public static final int EXTRA_OFFSET = 36;
    public static final int PLAYERS_OFFSET = 40;
    public static final int PLAYER_STATS_OFFSET = 44;
    public static final int INTS_PER_PLAYER = 8;

    public static final int BASE_LENGTH = 40;

    /** Leave causes carried in {@code value} of LEFT. */
    public static final int LEFT_ON_PURPOSE = 1;
    public static final int LEFT_TIMED_OUT = 2;
    public static final int LEFT_NEVER_ARRIVED = 3;

    private EventDescriptor() {
    }

    public static int matchEndLength(int players, int rejectionReasons) {
        return PLAYER_STATS_OFFSET + players * INTS_PER_PLAYER * Integer.BYTES + rejectionReasons * Long.BYTES;
    }

    public static int rejectionsOffset(int players) {
        return PLAYER_STATS_OFFSET + players * INTS_PER_PLAYER * Integer.BYTES;
    }
}
