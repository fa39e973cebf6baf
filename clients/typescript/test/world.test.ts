/** Delta snapshots ("Snapshots" in docs/protocol.md) assembled into the visible world. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadSchema } from '../src/schema';
import { WorldView } from '../src/world';

test('a delta applies to its baseline; absent fields keep their value; removed drops the entity', () => {
  const world = new WorldView();
  assert.ok(world.apply({ tick: 10, baselineTick: 0, entities: [
    { entityId: 1, xCm: 100, yCm: 200, aim: 5, health: 100, flags: 1 },
    { entityId: 2, xCm: 300, yCm: 400, aim: 6, health: 100, flags: 1 },
  ] }));
  assert.ok(world.apply({ tick: 11, baselineTick: 10, entities: [{ entityId: 1, xCm: 150 }, { entityId: 2, removed: true }] }));
  assert.deepEqual([...world.entities.values()], [{ id: 1, xCm: 150, yCm: 200, aim: 5, health: 100, flags: 1 }]);
  assert.equal(world.newestTick, 11);
});

test('stale snapshots and deltas against a forgotten baseline are skipped', () => {
  const world = new WorldView();
  assert.ok(world.apply({ tick: 10, baselineTick: 0, entities: [{ entityId: 1, xCm: 1 }] }));
  assert.equal(world.apply({ tick: 9, baselineTick: 0, entities: [] }), false);
  assert.equal(world.apply({ tick: 12, baselineTick: 11, entities: [] }), false);
  for (let tick = 11; tick <= 50; tick++) {
    assert.ok(world.apply({ tick, baselineTick: tick - 1, entities: [] }));
  }
  assert.equal(world.apply({ tick: 51, baselineTick: 10, entities: [] }), false, 'baseline 10 is no longer kept');
  assert.equal(world.newestTick, 50);
});

test('the snapshots of the UDP vectors assemble: full, then its delta', () => {
  const dir = process.env.SKIRMISH_VECTOR_DIR
    ?? path.resolve(__dirname, '..', '..', '..', '..', 'protocol', 'src', 'test', 'resources', 'vectors');
  const vectors = JSON.parse(fs.readFileSync(path.join(dir, 'udp_packets.json'), 'utf8'));
  const type = loadSchema().type('skirmish.game.v1.Snapshot');
  const world = new WorldView();
  for (const name of ['server-snapshot-full', 'server-snapshot-delta']) {
    const c = vectors.cases.find((v: any) => v.name === name);
    assert.ok(world.apply(type.toObject(type.decode(Buffer.from(c.plaintext, 'hex')))), name);
  }
  assert.equal(world.entities.get(2)?.xCm, 2990);
  assert.equal(world.entities.get(2)?.health, 75);
  assert.equal(world.entities.get(1)?.xCm, 1000);
});
