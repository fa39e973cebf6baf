import { open, seal } from './crypto';
import {
  Direction, MAX_SEQUENCE, PacketType, REPLAY_WINDOW, UDP_HEADER_BYTES, UDP_HEADER_VERSION, UDP_MAGIC,
  UDP_MAX_PACKET_BYTES, UDP_MAX_PAYLOAD_BYTES, UDP_TAG_BYTES,
} from './constants';

/** The 24-byte clear header of every datagram, all fields big endian ("UDP packets"). */
export interface PacketHeader {
  type: number;
  connectionId: bigint;
  sequence: number;
  ack: number;
  ackBits: number;
}

export function writeHeader(h: PacketHeader): Buffer {
  const out = Buffer.alloc(UDP_HEADER_BYTES);
  out.writeUInt16BE(UDP_MAGIC, 0);
  out.writeUInt8(UDP_HEADER_VERSION, 2);
  out.writeUInt8(h.type, 3);
  out.writeBigUInt64BE(h.connectionId, 4);
  out.writeUInt32BE(h.sequence >>> 0, 12);
  out.writeUInt32BE(h.ack >>> 0, 16);
  out.writeUInt32BE(h.ackBits >>> 0, 20);
  return out;
}

export function readHeader(datagram: Buffer): PacketHeader {
  return {
    type: datagram.readUInt8(3),
    connectionId: datagram.readBigUInt64BE(4),
    sequence: datagram.readUInt32BE(12),
    ack: datagram.readUInt32BE(16),
    ackBits: datagram.readUInt32BE(20),
  };
}

/** Seals what one side sends: sequences from 1, +1 per packet, never reused. */
export class PacketSealer {
  private next = 1;

  constructor(private readonly key: Buffer, private readonly connectionId: bigint, private readonly direction: Direction) {
  }

  seal(type: PacketType, ack: number, ackBits: number, payload: Uint8Array = new Uint8Array(0)): Buffer {
    if (payload.length > UDP_MAX_PAYLOAD_BYTES) {
      throw new Error(`payload of ${payload.length} bytes exceeds ${UDP_MAX_PAYLOAD_BYTES}`);
    }
    if (this.next > MAX_SEQUENCE) {
      throw new Error('sequence space exhausted: connect again for a new key');
    }
    const sequence = this.next++;
    const header = writeHeader({ type, connectionId: this.connectionId, sequence, ack, ackBits });
    return seal(this.key, this.direction, sequence, header, payload);
  }
}

/** Why a datagram was dropped (never answered: UDP errors are silent). */
export type Drop = 'too_short' | 'too_large' | 'bad_magic' | 'bad_version' | 'bad_type' | 'wrong_connection'
  | 'duplicate' | 'too_old' | 'bad_tag';

/**
 * Verifies and decrypts what one side receives: size, magic, version, type, connection id,
 * replay window, then the tag; the window is updated only after the tag verified.
 */
export class PacketOpener {
  private newest = -1;
  private readonly seen = new Uint8Array(REPLAY_WINDOW);

  constructor(private readonly key: Buffer, private readonly connectionId: bigint, private readonly direction: Direction,
              private readonly allowedTypes: ReadonlySet<number>) {
  }

  /** The newest authentic sequence, -1 before the first: the `ack` to send back. */
  newestSequence(): number {
    return this.newest;
  }

  open(datagram: Buffer): { header: PacketHeader; payload: Buffer } | Drop {
    if (datagram.length < UDP_HEADER_BYTES + UDP_TAG_BYTES) return 'too_short';
    if (datagram.length > UDP_MAX_PACKET_BYTES) return 'too_large';
    if (datagram.readUInt16BE(0) !== UDP_MAGIC) return 'bad_magic';
    if (datagram.readUInt8(2) !== UDP_HEADER_VERSION) return 'bad_version';
    const header = readHeader(datagram);
    if (!this.allowedTypes.has(header.type)) return 'bad_type';
    if (header.connectionId !== this.connectionId) return 'wrong_connection';
    const s = header.sequence;
    if (s <= this.newest) {
      if (this.newest - s >= REPLAY_WINDOW) return 'too_old';
      if (this.seen[s % REPLAY_WINDOW]) return 'duplicate';
    }
    const payload = open(this.key, this.direction, s, datagram);
    if (payload === null) return 'bad_tag';
    if (s > this.newest) {
      const advance = s - this.newest;
      if (advance >= REPLAY_WINDOW) {
        this.seen.fill(0);
      } else {
        for (let skipped = this.newest + 1; skipped < s; skipped++) this.seen[skipped % REPLAY_WINDOW] = 0;
      }
      this.newest = s;
    }
    this.seen[s % REPLAY_WINDOW] = 1;
    return { header, payload };
  }
}
