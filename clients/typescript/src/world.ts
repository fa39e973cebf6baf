import { num } from './schema';

/** One visible entity, in wire units: centimetres, aim 0..65535, health points, EntityFlag bits. */
export interface EntityState {
  id: number;
  xCm: number;
  yCm: number;
  aim: number;
  health: number;
  flags: number;
}

/** How many assembled states are kept as possible delta baselines. */
const KEPT_STATES = 32;

/**
 * The world as this client sees it, rebuilt from snapshots ("Snapshots" in docs/protocol.md): a
 * full snapshot (baseline_tick 0) replaces the state, a delta applies to the state of its
 * baseline tick; a snapshot older than the newest, or whose baseline is no longer kept, is
 * skipped (the server sends a full one once the acknowledged tick stops moving). The newest
 * assembled tick is what the client acknowledges in Input.last_received_snapshot_tick.
 */
export class WorldView {
  private readonly states = new Map<number, Map<number, EntityState>>();
  private newest = 0;

  /** The newest assembled tick, 0 before the first. */
  get newestTick(): number {
    return this.newest;
  }

  /** The entities of the newest assembled state. */
  get entities(): ReadonlyMap<number, EntityState> {
    return this.states.get(this.newest) ?? new Map();
  }

  /** Applies a decoded Snapshot (protobufjs object); false when it was stale or its baseline is gone. */
  apply(snapshot: { tick?: unknown; baselineTick?: unknown; entities?: any[] }): boolean {
    const tick = num(snapshot.tick);
    if (tick <= this.newest) {
      return false;
    }
    const baselineTick = num(snapshot.baselineTick);
    const base = baselineTick === 0 ? new Map<number, EntityState>() : this.states.get(baselineTick);
    if (!base) {
      return false;
    }
    const next = new Map(base);
    for (const delta of snapshot.entities ?? []) {
      const id = num(delta.entityId);
      if (delta.removed) {
        next.delete(id);
        continue;
      }
      const previous = next.get(id) ?? { id, xCm: 0, yCm: 0, aim: 0, health: 0, flags: 0 };
      // Absent optional fields did not change.
      next.set(id, {
        id,
        xCm: delta.xCm ?? previous.xCm,
        yCm: delta.yCm ?? previous.yCm,
        aim: delta.aim ?? previous.aim,
        health: delta.health ?? previous.health,
        flags: delta.flags ?? previous.flags,
      });
    }
    this.states.set(tick, next);
    for (const kept of this.states.keys()) {
      if (kept <= tick - KEPT_STATES) {
        this.states.delete(kept);
      }
    }
    this.newest = tick;
    return true;
  }
}
