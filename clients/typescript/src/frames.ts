import { FRAME_LENGTH_BYTES, MAX_FRAME_BYTES } from './constants';

/** One frame: the body's length as u32 big endian, then the body ("TCP frames"). */
export function frame(body: Uint8Array): Buffer {
  if (body.length === 0 || body.length > MAX_FRAME_BYTES) {
    throw new Error(`frame body of ${body.length} bytes outside 1..${MAX_FRAME_BYTES}`);
  }
  const out = Buffer.alloc(FRAME_LENGTH_BYTES + body.length);
  out.writeUInt32BE(body.length, 0);
  out.set(body, FRAME_LENGTH_BYTES);
  return out;
}

/**
 * Splits a TCP byte stream into frame bodies. Holds at most one incomplete frame; a length of
 * 0 or above the limit is an error after which the stream cannot be trusted (close it).
 */
export class FrameReader {
  private buffered: Buffer = Buffer.alloc(0);

  /** Appends received bytes and returns every complete body. */
  push(chunk: Buffer): Buffer[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const bodies: Buffer[] = [];
    while (this.buffered.length >= FRAME_LENGTH_BYTES) {
      const length = this.buffered.readUInt32BE(0);
      if (length === 0 || length > MAX_FRAME_BYTES) {
        throw new Error(`frame length ${length} outside 1..${MAX_FRAME_BYTES}`);
      }
      if (this.buffered.length < FRAME_LENGTH_BYTES + length) {
        break;
      }
      bodies.push(this.buffered.subarray(FRAME_LENGTH_BYTES, FRAME_LENGTH_BYTES + length));
      this.buffered = this.buffered.subarray(FRAME_LENGTH_BYTES + length);
    }
    return bodies;
  }
}
