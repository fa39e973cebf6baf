import { EnvelopeConnection, Envelope, PLAINTEXT, Transport } from './connection';
import { loadSchema } from './schema';

/**
 * Who logs in ("Match service" in docs/protocol.md): a device (its secret empty on the first
 * login), an ID token from the studio's identity service, or, on --dev servers only, a player id.
 */
export type LoginIdentity =
  | { deviceId: string; deviceSecret?: Buffer }
  | { idToken: string }
  | { playerId: string };

/** The match service (match/v1): log in, queue, and hear about the match. */
export class MatchClient {
  private constructor(readonly connection: EnvelopeConnection) {
  }

  static async connect(host: string, port: number, transport: Transport = PLAINTEXT): Promise<MatchClient> {
    const schema = loadSchema();
    return new MatchClient(await EnvelopeConnection.connect(host, port, schema.type('skirmish.match.v1.ClientMessage'),
      schema.type('skirmish.match.v1.ServerMessage'), transport));
  }

  /**
   * Resolves with LoginOk (session token, player id, expiry, and on a device's first login its
   * device secret, sent only that once: keep it for every later login of the device).
   */
  async login(identity: LoginIdentity, clientVersion: string): Promise<Envelope> {
    return (await this.connection.request({ login: { ...identity, clientVersion } })).loginOk;
  }

  /** Resolves with the first QueueUpdate; MatchFound follows as a push. */
  async joinQueue(sessionToken: Buffer, mode: string, region: string): Promise<Envelope> {
    return (await this.connection.request({ joinQueue: { sessionToken, mode, region } })).queueUpdate;
  }

  /** The current QueueUpdate; when matched, the server pushes the MatchFound again. */
  async queueStatus(sessionToken: Buffer): Promise<Envelope> {
    return (await this.connection.request({ queueStatus: { sessionToken } })).queueUpdate;
  }

  onPush(listener: (message: Envelope) => void): void {
    this.connection.onPush(listener);
  }

  close(): void {
    this.connection.close();
  }
}

/** A leaderboard reference: board name, period enum name, period key ('' = current). */
export interface BoardRef {
  board: string;
  period: 'PERIOD_SEASON' | 'PERIOD_DAILY' | 'PERIOD_WEEKLY';
  periodKey?: string;
}

/** The ranking service (ranking/v1): read-only leaderboard queries. */
export class RankingClient {
  private constructor(readonly connection: EnvelopeConnection) {
  }

  static async connect(host: string, port: number, transport: Transport = PLAINTEXT): Promise<RankingClient> {
    const schema = loadSchema();
    return new RankingClient(await EnvelopeConnection.connect(host, port,
      schema.type('skirmish.ranking.v1.ClientMessage'), schema.type('skirmish.ranking.v1.ServerMessage'), transport));
  }

  async top(board: BoardRef, count: number, offset = 0): Promise<Envelope> {
    return (await this.connection.request({ top: { board, count, offset } })).page;
  }

  async rank(board: BoardRef, playerId: string): Promise<Envelope> {
    return (await this.connection.request({ rank: { board, playerId } })).playerRank;
  }

  close(): void {
    this.connection.close();
  }
}
