import * as dgram from 'node:dgram';
import { EventEmitter } from 'node:events';
import { Direction, PacketType, REDUNDANT_INPUTS } from './constants';
import { X25519KeyPair } from './crypto';
import { EnvelopeConnection, Envelope, PLAINTEXT, Transport } from './connection';
import { loadSchema, num, u64 } from './schema';
import { PacketOpener, PacketSealer } from './udp';
import { WorldView } from './world';

/** What MatchFound gives a client to connect with. */
export interface MatchTicket {
  host: string;
  tcpPort: number;
  udpPort: number;
  connectToken: Buffer;
  connectTokenId: Buffer;
}

/** One sampled input, in wire units ("Inputs"). */
export interface InputSample {
  moveX: number; // -127..127
  moveY: number; // -127..127
  aim: number; // 0..65535 = [0, 2*pi)
  fire: boolean;
}

/**
 * A player's connection to a game server: TCP Connect -> Welcome (key agreement), then UDP:
 * the client sends the first datagram (a KEEPALIVE) so the server learns its address, inputs
 * go out redundantly (the last 3, newest first), snapshots come back sealed.
 *
 * Events: 'snapshot' (decoded Snapshot object), 'event' (GameEvent), 'matchEnd' (MatchResult),
 * 'closed' (Error: the server's last Error push, or the connection ending before MatchEnd).
 */
export class GameSession extends EventEmitter {
  snapshotsDecrypted = 0;
  /** The visible world, assembled from the snapshots. */
  readonly world = new WorldView();
  private matchEnded = false;
  datagramsDropped = 0;
  newestSnapshotTick = 0;
  lastProcessedInputSequence = 0;
  /** The newest of our packet sequences the server acknowledged in a snapshot header. */
  serverAck = 0;
  private inputSequence = 0;
  private clientTick = 0;
  private readonly recent: object[] = [];
  /** When each recent input was sent, to time its acknowledgement. */
  private readonly sentAt = new Map<number, number>();
  /** Milliseconds from sending an input to the first snapshot that says it was applied. */
  readonly ackDelaysMs: number[] = [];

  private constructor(readonly welcome: Envelope, private readonly tcp: EnvelopeConnection,
                      private readonly udp: dgram.Socket, private readonly sealer: PacketSealer,
                      private readonly opener: PacketOpener, private readonly ticket: MatchTicket) {
    super();
  }

  static async connect(ticket: MatchTicket, clientVersion: string, transport: Transport = PLAINTEXT):
      Promise<GameSession> {
    const schema = loadSchema();
    const tcp = await EnvelopeConnection.connect(ticket.host, ticket.tcpPort,
      schema.type('skirmish.game.v1.ClientMessage'), schema.type('skirmish.game.v1.ServerMessage'), transport);
    const keys = X25519KeyPair.generate();
    let reply: Envelope;
    try {
      reply = await tcp.request({ connect: { connectToken: ticket.connectToken, clientPublicKey: keys.publicKey,
        clientVersion } });
    } catch (error) {
      tcp.close();
      throw error;
    }
    const welcome = reply.welcome;
    const key = keys.deriveUdpKey(Buffer.from(welcome.serverPublicKey), ticket.connectTokenId);
    const connectionId = u64(welcome.connectionId);
    const udp = dgram.createSocket(ticket.host.includes(':') ? 'udp6' : 'udp4');
    await new Promise<void>((resolve) => udp.bind(0, resolve));
    const session = new GameSession(welcome, tcp, udp,
      new PacketSealer(key, connectionId, Direction.CLIENT_TO_SERVER),
      new PacketOpener(key, connectionId, Direction.SERVER_TO_CLIENT,
        new Set([PacketType.SNAPSHOT, PacketType.KEEPALIVE, PacketType.DISCONNECT])),
      ticket);
    session.listen();
    // The server sends nothing over UDP before it has heard an authentic datagram from us.
    session.send(PacketType.KEEPALIVE);
    return session;
  }

  private listen(): void {
    const schema = loadSchema();
    const snapshotType = schema.type('skirmish.game.v1.Snapshot');
    this.udp.on('message', (datagram: Buffer) => {
      const opened = this.opener.open(datagram);
      if (typeof opened === 'string') {
        this.datagramsDropped++;
        return;
      }
      if (opened.header.type !== PacketType.SNAPSHOT) {
        return;
      }
      const snapshot: any = snapshotType.toObject(snapshotType.decode(opened.payload), { longs: Number });
      this.snapshotsDecrypted++;
      this.serverAck = Math.max(this.serverAck, opened.header.ack);
      // Acknowledge what was assembled: the server sends deltas against the acknowledged tick.
      if (this.world.apply(snapshot)) {
        this.newestSnapshotTick = this.world.newestTick;
      }
      const processed = num(snapshot.lastProcessedInputSequence);
      for (const [sequence, at] of this.sentAt) {
        if (sequence <= processed) {
          this.ackDelaysMs.push(performance.now() - at);
          this.sentAt.delete(sequence);
        }
      }
      this.lastProcessedInputSequence = Math.max(this.lastProcessedInputSequence, processed);
      this.emit('snapshot', snapshot);
    });
    this.tcp.onPush((message) => {
      if (message.body === 'event') {
        this.emit('event', message.event);
      } else if (message.body === 'matchEnd') {
        this.matchEnded = true;
        this.emit('matchEnd', message.matchEnd.result);
      } else if (message.body === 'error') {
        this.emit('closed', new Error(`${message.error.code}: ${message.error.message ?? ''}`));
      }
    });
    this.tcp.onClose((error) => {
      if (!this.matchEnded) {
        this.emit('closed', error);
      }
    });
  }

  /** Sends one input with the previous ones; returns its sequence. */
  sendInput(sample: InputSample): number {
    const input = {
      sequence: ++this.inputSequence,
      clientTick: ++this.clientTick,
      moveX: sample.moveX,
      moveY: sample.moveY,
      aim: sample.aim,
      buttons: sample.fire ? 1 : 0,
      lastReceivedSnapshotTick: this.newestSnapshotTick,
    };
    this.sentAt.set(input.sequence, performance.now());
    if (this.sentAt.size > 256) {
      this.sentAt.delete(this.sentAt.keys().next().value as number); // an input the server never applied
    }
    this.recent.unshift(input);
    this.recent.length = Math.min(this.recent.length, REDUNDANT_INPUTS);
    const batchType = loadSchema().type('skirmish.game.v1.InputBatch');
    this.send(PacketType.INPUT, batchType.encode(batchType.fromObject({ inputs: this.recent })).finish());
    return this.inputSequence;
  }

  /** A KEEPALIVE: keeps the NAT binding open when there is nothing else to send. */
  keepAlive(): void {
    this.send(PacketType.KEEPALIVE);
  }

  private send(type: PacketType, payload?: Uint8Array): void {
    const datagram = this.sealer.seal(type, Math.max(0, this.opener.newestSequence()), 0, payload);
    this.udp.send(datagram, this.ticket.udpPort, this.ticket.host);
  }

  /** Leaves the match for good (no reconnect grace): Leave on TCP, the server closes. */
  leave(): void {
    this.tcp.tell({ leave: {} });
  }

  close(): void {
    this.tcp.close();
    this.udp.close();
  }
}
