/**
 * Checks this client against the protocol's test vectors (protocol/src/test/resources/vectors,
 * described in docs/protocol.md): the same bytes the Java servers are held to.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Direction, HKDF_INFO, PacketType } from '../src/constants';
import { nonce, X25519KeyPair } from '../src/crypto';
import { frame, FrameReader } from '../src/frames';
import { loadSchema } from '../src/schema';
import { PacketOpener, PacketSealer, readHeader } from '../src/udp';

const vectorDir = process.env.SKIRMISH_VECTOR_DIR
  ?? path.resolve(__dirname, '..', '..', '..', '..', 'protocol', 'src', 'test', 'resources', 'vectors');

function load(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(vectorDir, name), 'utf8'));
}

const hex = (text: string) => Buffer.from(text, 'hex');

test('key exchange derives the listed public keys, shared secret and UDP key', () => {
  const vectors = load('key_exchange.json');
  assert.equal(vectors.hkdf_info, HKDF_INFO);
  for (const c of vectors.cases) {
    const client = X25519KeyPair.fromPrivate(hex(c.client_private));
    const server = X25519KeyPair.fromPrivate(hex(c.server_private));
    assert.equal(client.publicKey.toString('hex'), c.client_public);
    assert.equal(server.publicKey.toString('hex'), c.server_public);
    assert.equal(client.sharedSecret(hex(c.server_public)).toString('hex'), c.shared_secret);
    assert.equal(client.deriveUdpKey(hex(c.server_public), hex(c.token_id)).toString('hex'), c.udp_key);
    assert.equal(server.deriveUdpKey(hex(c.client_public), hex(c.token_id)).toString('hex'), c.udp_key);
  }
});

test('sealed packets open, and the sealer writes the same bytes', () => {
  const vectors = load('udp_packets.json');
  const key = hex(vectors.key);
  const connectionId = BigInt(vectors.connection_id);
  for (const c of vectors.cases) {
    const direction = c.direction === 'client_to_server' ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
    assert.equal((direction >>> 0).toString(16).padStart(8, '0'), c.direction_constant);
    assert.equal(nonce(direction, c.sequence).toString('hex'), c.nonce, c.name);
    const datagram = hex(c.datagram);
    const header = readHeader(datagram);
    assert.equal(header.type, PacketType[c.type as keyof typeof PacketType]);
    assert.equal(header.sequence, c.sequence);
    assert.equal(header.ack, c.ack);
    assert.equal(header.ackBits, c.ack_bits);
    const opener = new PacketOpener(key, connectionId, direction, new Set([header.type]));
    const opened = opener.open(datagram);
    assert.notEqual(typeof opened, 'string', `${c.name}: ${String(opened)}`);
    assert.equal((opened as { payload: Buffer }).payload.toString('hex'), c.plaintext);
    assert.equal(opener.open(datagram), 'duplicate');
    const forged = Buffer.from(datagram);
    forged[forged.length - 1] ^= 1;
    assert.equal(new PacketOpener(key, connectionId, direction, new Set([header.type])).open(forged), 'bad_tag');
    if (c.sequence <= 8) {
      const sealer = new PacketSealer(key, connectionId, direction);
      for (let s = 1; s < c.sequence; s++) sealer.seal(header.type, 0, 0);
      assert.equal(sealer.seal(header.type, c.ack, c.ack_bits, hex(c.plaintext)).toString('hex'), c.datagram, c.name);
    }
    if (c.payload_message) {
      const type = loadSchema().type(c.payload_message);
      const decoded = type.decode(hex(c.plaintext));
      assert.equal(Buffer.from(type.encode(decoded).finish()).toString('hex'), c.plaintext, c.name);
    }
  }
});

test('token MACs are HMAC-SHA256 over purpose, a zero byte and the signed bytes', () => {
  for (const c of load('tokens.json').cases) {
    const token = hex(c.token);
    const bodyLength = token.readUInt16BE(2);
    assert.equal(token[0], 1);
    assert.equal(token[1], c.key_id);
    assert.equal(token.subarray(4, 4 + bodyLength).toString('hex'), c.body);
    const mac = createHmac('sha256', hex(c.secret)).update(Buffer.from(c.purpose, 'ascii')).update(Buffer.from([0]))
      .update(token.subarray(0, 4 + bodyLength)).digest();
    assert.equal(mac.toString('hex'), c.mac);
    const bodyType = loadSchema().type(c.kind === 'connect' ? 'skirmish.token.v1.ConnectTokenBody'
      : 'skirmish.token.v1.SessionTokenBody');
    const claims: any = bodyType.toObject(bodyType.decode(token.subarray(4, 4 + bodyLength)),
      { longs: String, bytes: String, enums: String });
    assert.equal(claims.playerId, c.claims.player_id);
    assert.equal(Buffer.from(claims.tokenId, 'base64').toString('hex'), c.claims.token_id);
    assert.equal(claims.expiresAtMs, String(c.claims.expires_at_ms));
  }
});

test('every envelope frame decodes and encodes back to the same bytes', () => {
  const schema = loadSchema();
  const vectors = load('envelopes.json');
  assert.ok(vectors.cases.length >= 25);
  for (const c of vectors.cases) {
    const bytes = hex(c.frame);
    const bodies = new FrameReader().push(bytes);
    assert.equal(bodies.length, 1);
    const type = schema.type(c.message);
    const decoded: any = type.toObject(type.decode(bodies[0]), { oneofs: true });
    const camel = c.body.replace(/_([a-z])/g, (_: string, ch: string) => ch.toUpperCase());
    assert.equal(decoded.body, camel, `${c.message}: body`);
    assert.equal(frame(type.encode(type.decode(bodies[0])).finish()).toString('hex'), c.frame, `${c.message} ${c.body}`);
  }
});
