package io.skirmish.game.world;

/** Ray against circle, the one piece of geometry a hitscan shot needs. */
public final class Hitscan {

    /** No intersection. */
    public static final float MISS = Float.POSITIVE_INFINITY;

    private Hitscan() {
    }

    /**
     * Distance along the ray from {@code (ox, oy)} in unit direction {@code (dx, dy)} to the
     * first point of the circle at {@code (cx, cy)} with radius {@code r}, or {@link #MISS}
     * when the ray misses it or meets it beyond {@code range}. A shooter standing inside the
     * circle hits at distance 0.
     */
    public static float distanceToCircle(float ox, float oy, float dx, float dy,
                                         float cx, float cy, float r, float range) {
        float fx = cx - ox;
        float fy = cy - oy;
        float along = fx * dx + fy * dy;
        float centreDistanceSquared = fx * fx + fy * fy;
        float radiusSquared = r * r;
        if (centreDistanceSquared <= radiusSquared) {
            return 0f;
        }
        if (along < 0f) {
            return MISS;
        }
        float perpendicularSquared = centreDistanceSquared - along * along;
        if (perpendicularSquared > radiusSquared) {
            return MISS;
        }
        float distance = along - (float) Math.sqrt(radiusSquared - perpendicularSquared);
        return distance <= range ? distance : MISS;
    }
}
