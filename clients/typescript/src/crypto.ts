import {
  createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync,
  hkdfSync, KeyObject,
} from 'node:crypto';
import {
  Direction, HKDF_INFO, TOKEN_ID_BYTES, UDP_HEADER_BYTES, UDP_KEY_BYTES, UDP_TAG_BYTES, X25519_PUBLIC_KEY_BYTES,
} from './constants';

/** DER prefixes that wrap a raw 32-byte X25519 key (RFC 8410), so Node can import it. */
const SPKI_X25519_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

/**
 * One side of the X25519 key agreement of the game-server handshake ("Key agreement"):
 * udp key = HKDF-SHA256(salt = connect token id, ikm = X25519 shared secret, info = "skirmish udp v1", 32).
 * Generate a fresh pair for every Connect.
 */
export class X25519KeyPair {
  private constructor(private readonly privateKey: KeyObject, readonly publicKey: Buffer) {
  }

  static generate(): X25519KeyPair {
    const pair = generateKeyPairSync('x25519');
    return new X25519KeyPair(pair.privateKey, rawPublic(pair.publicKey));
  }

  /** From a raw 32-byte private key (RFC 7748 scalar): for test vectors. */
  static fromPrivate(raw: Buffer): X25519KeyPair {
    const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_X25519_PREFIX, raw]), format: 'der', type: 'pkcs8' });
    return new X25519KeyPair(privateKey, rawPublic(createPublicKey(privateKey)));
  }

  sharedSecret(peerPublic: Buffer): Buffer {
    if (peerPublic.length !== X25519_PUBLIC_KEY_BYTES) {
      throw new Error(`peer public key of ${peerPublic.length} bytes, expected ${X25519_PUBLIC_KEY_BYTES}`);
    }
    const peer = createPublicKey({ key: Buffer.concat([SPKI_X25519_PREFIX, peerPublic]), format: 'der', type: 'spki' });
    const shared = diffieHellman({ privateKey: this.privateKey, publicKey: peer });
    if (shared.every((b) => b === 0)) {
      throw new Error('X25519 shared secret is all zero (low-order peer key)');
    }
    return shared;
  }

  /** The connection's AES-256-GCM key. */
  deriveUdpKey(peerPublic: Buffer, tokenId: Buffer): Buffer {
    if (tokenId.length !== TOKEN_ID_BYTES) {
      throw new Error(`token id of ${tokenId.length} bytes, expected ${TOKEN_ID_BYTES}`);
    }
    return Buffer.from(hkdfSync('sha256', this.sharedSecret(peerPublic), tokenId, Buffer.from(HKDF_INFO, 'ascii'),
      UDP_KEY_BYTES));
  }
}

function rawPublic(key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'spki' });
  return Buffer.from(der.subarray(der.length - X25519_PUBLIC_KEY_BYTES));
}

/** The 12-byte nonce: direction constant (u32 BE), then the u32 sequence as a u64 BE ("Nonce"). */
export function nonce(direction: Direction, sequence: number): Buffer {
  const out = Buffer.alloc(12);
  out.writeUInt32BE(direction >>> 0, 0);
  out.writeBigUInt64BE(BigInt(sequence), 4);
  return out;
}

/** header | AES-256-GCM(payload) | tag, the header being the associated data. */
export function seal(key: Buffer, direction: Direction, sequence: number, header: Buffer, payload: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce(direction, sequence), { authTagLength: UDP_TAG_BYTES });
  cipher.setAAD(header);
  return Buffer.concat([header, cipher.update(payload), cipher.final(), cipher.getAuthTag()]);
}

/** The payload of an authentic datagram, or null when the tag does not verify. */
export function open(key: Buffer, direction: Direction, sequence: number, datagram: Buffer): Buffer | null {
  const header = datagram.subarray(0, UDP_HEADER_BYTES);
  const body = datagram.subarray(UDP_HEADER_BYTES, datagram.length - UDP_TAG_BYTES);
  const tag = datagram.subarray(datagram.length - UDP_TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce(direction, sequence), { authTagLength: UDP_TAG_BYTES });
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return null;
  }
}
