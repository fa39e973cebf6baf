/** TCP framing edge cases ("TCP frames" in docs/protocol.md): split, merged, zero and oversized frames. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { MAX_FRAME_BYTES } from '../src/constants';
import { frame, FrameReader } from '../src/frames';

test('a frame split over many reads comes out whole, two in one read come out both', () => {
  const one = frame(Buffer.from('hello'));
  const two = frame(Buffer.from('world!'));
  const reader = new FrameReader();
  const bytes = Buffer.concat([one, two]);
  const bodies: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    bodies.push(...reader.push(bytes.subarray(i, i + 3)).map((b) => b.toString()));
  }
  assert.deepEqual(bodies, ['hello', 'world!']);
  assert.deepEqual(new FrameReader().push(bytes).map((b) => b.toString()), ['hello', 'world!']);
});

test('a zero or oversized length is refused as soon as the length arrives', () => {
  const oversized = Buffer.alloc(4);
  oversized.writeUInt32BE(MAX_FRAME_BYTES + 1, 0);
  assert.throws(() => new FrameReader().push(oversized), /outside 1\.\.65536/);
  assert.throws(() => new FrameReader().push(Buffer.alloc(4)), /outside 1\.\.65536/);
  assert.throws(() => frame(new Uint8Array(0)));
  assert.throws(() => frame(new Uint8Array(MAX_FRAME_BYTES + 1)));
  assert.equal(frame(new Uint8Array(MAX_FRAME_BYTES)).length, MAX_FRAME_BYTES + 4);
});
