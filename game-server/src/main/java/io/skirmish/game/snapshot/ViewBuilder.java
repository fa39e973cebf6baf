package io.skirmish.game.snapshot;

import io.skirmish.game.world.World;
import io.skirmish.protocol.game.Quantize;

/**
 * Fills a player's {@link SnapshotFrame} with what that player may see (interest management:
 * itself, its team, and opponents within the interest radius), quantized to wire units.
 * Entity ids are player slots plus one, so that 0 never names an entity.
 */
public final class ViewBuilder {

    /** Bit of {@code EntityDelta.flags}: alive. */
    public static final int FLAG_ALIVE = 1;

    private ViewBuilder() {
    }

    public static int entityId(int slot) {
        return slot + 1;
    }

    public static void build(World world, int viewer, SnapshotFrame out) {
        out.clear(world.tick());
        for (int slot = 0; slot < world.players(); slot++) {
            if (!world.present(slot) || !world.canSee(viewer, slot)) {
                continue;
            }
            out.add(entityId(slot),
                    Quantize.metresToCm(world.x(slot)),
                    Quantize.metresToCm(world.y(slot)),
                    Quantize.radiansToAim(world.aim(slot)),
                    world.health(slot),
                    world.alive(slot) ? FLAG_ALIVE : 0);
        }
    }
}
