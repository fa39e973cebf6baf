package io.skirmish.client;

/** One entity as the client last assembled it from snapshots, in wire units. */
public record EntityState(int entityId, int xCm, int yCm, int aim, int health, int flags) {

    public boolean alive() {
        return (flags & 1) != 0;
    }

    EntityState with(io.skirmish.protocol.game.v1.EntityDelta delta) {
        return new EntityState(entityId,
                delta.hasXCm() ? delta.getXCm() : xCm,
                delta.hasYCm() ? delta.getYCm() : yCm,
                delta.hasAim() ? delta.getAim() : aim,
                delta.hasHealth() ? delta.getHealth() : health,
                delta.hasFlags() ? delta.getFlags() : flags);
    }

    static EntityState from(io.skirmish.protocol.game.v1.EntityDelta delta) {
        return new EntityState(delta.getEntityId(), delta.getXCm(), delta.getYCm(), delta.getAim(), delta.getHealth(),
                delta.getFlags());
    }
}
