/**
 * Every constant of the Skirmish wire protocol, with the section of docs/protocol.md that
 * defines it. Nothing here is read from the Java code: this client is written from the spec.
 */

/** Envelope `version` this client sends and the only one it accepts ("Versioning"). */
export const PROTOCOL_VERSION = 1;

/** TCP frames: u32 big-endian body length, then the body; 1..65536 bytes ("TCP frames"). */
export const FRAME_LENGTH_BYTES = 4;
export const MAX_FRAME_BYTES = 64 * 1024;

/** UDP header and datagram sizes ("UDP packets"). */
export const UDP_MAGIC = 0x534b; // "SK"
export const UDP_HEADER_VERSION = 1;
export const UDP_HEADER_BYTES = 24;
export const UDP_TAG_BYTES = 16;
export const UDP_MAX_PACKET_BYTES = 1200;
export const UDP_MAX_PAYLOAD_BYTES = UDP_MAX_PACKET_BYTES - UDP_HEADER_BYTES - UDP_TAG_BYTES;

/** Packet type codes ("Packet types"). */
export enum PacketType {
  INPUT = 1,
  SNAPSHOT = 2,
  KEEPALIVE = 3,
  DISCONNECT = 4,
}

/** First 4 bytes of the 12-byte AES-GCM nonce, per direction ("Nonce"). */
export enum Direction {
  CLIENT_TO_SERVER = 0x63327300, // "c2s\0"
  SERVER_TO_CLIENT = 0x73326300, // "s2c\0"
}

/** HKDF-SHA256 info string of the UDP key ("Key agreement"). */
export const HKDF_INFO = 'skirmish udp v1';
/** Sizes in the key agreement. */
export const X25519_PUBLIC_KEY_BYTES = 32;
export const UDP_KEY_BYTES = 32;
export const TOKEN_ID_BYTES = 16;

/** Sequences a receiver remembers below the newest one ("Replay window"). */
export const REPLAY_WINDOW = 1024;
/** Largest u32 sequence; a connection never wraps ("UDP packets"). */
export const MAX_SEQUENCE = 0xffffffff;

/** Most inputs one InputBatch may carry; a client repeats its last 3 ("Inputs"). */
export const MAX_INPUTS_PER_BATCH = 16;
export const REDUNDANT_INPUTS = 3;
/** How far an Input.sequence may run ahead of the last one the server applied ("Inputs"). */
export const MAX_INPUT_SEQUENCE_LEAD = 128;

/** A client with nothing else to send keeps its UDP path alive this often ("UDP liveness"). */
export const KEEPALIVE_INTERVAL_MS = 1000;
