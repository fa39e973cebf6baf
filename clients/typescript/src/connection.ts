import * as net from 'node:net';
import * as tls from 'node:tls';
import type * as protobuf from 'protobufjs';
import { PROTOCOL_VERSION } from './constants';
import { frame, FrameReader } from './frames';
import { num } from './schema';

/**
 * How to reach a server's TCP port: plaintext (only servers started with --dev accept it) or
 * TLS 1.2/1.3 trusting the given PEM certificates (the system's CAs when none), with the host name
 * checked ("Transport" in docs/protocol.md).
 */
export type Transport = { tls: false } | { tls: true; trustedPem?: Buffer };

export const PLAINTEXT: Transport = { tls: false };

/** A decoded ServerMessage of any service, as a plain object (camelCase fields, `body` names the oneof case). */
export type Envelope = { [field: string]: any; requestId?: unknown; body?: string };

/**
 * One TCP connection to a Skirmish service ("Envelopes"): requests carry a fresh non-zero
 * request_id and resolve with the reply that echoes it (replies may come out of order); a reply
 * whose body is `error` rejects. Messages with request_id 0 are pushes.
 */
export class EnvelopeConnection {
  private nextRequestId = 1;
  private readonly pending = new Map<number, { resolve: (m: Envelope) => void; reject: (e: Error) => void }>();
  private readonly reader = new FrameReader();
  private pushListener: (message: Envelope) => void = () => {};
  private closeListener: (error: Error) => void = () => {};
  private closedError: Error | undefined;

  private constructor(private readonly socket: net.Socket, private readonly clientType: protobuf.Type,
                      private readonly serverType: protobuf.Type) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('connection closed by the server')));
  }

  static connect(host: string, port: number, clientType: protobuf.Type, serverType: protobuf.Type,
                 transport: Transport = PLAINTEXT, timeoutMs = 10_000): Promise<EnvelopeConnection> {
    return new Promise((resolve, reject) => {
      const socket = transport.tls
        ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, ca: transport.trustedPem,
          minVersion: 'TLSv1.2' })
        : net.connect({ host, port });
      const timer = setTimeout(() => socket.destroy(new Error(`no connection to ${host}:${port} in ${timeoutMs} ms`)),
        timeoutMs);
      socket.once(transport.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        resolve(new EnvelopeConnection(socket, clientType, serverType));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  /** Pushes (request_id 0): queue updates, MatchFound, game events, MatchEnd, a last Error. */
  onPush(listener: (message: Envelope) => void): void {
    this.pushListener = listener;
  }

  /** Called once when the connection ends (the server closed it, or a network error). */
  onClose(listener: (error: Error) => void): void {
    this.closeListener = listener;
    if (this.closedError) {
      listener(this.closedError);
    }
  }

  /** Sends `{ <bodyCase>: {...} }` and resolves with the reply. */
  request(body: Record<string, unknown>, timeoutMs = 10_000): Promise<Envelope> {
    if (this.closedError) {
      return Promise.reject(this.closedError);
    }
    const requestId = this.nextRequestId++;
    const message = this.clientType.fromObject({ version: PROTOCOL_VERSION, requestId, ...body });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Error(`no reply to request ${requestId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(requestId, {
        resolve: (m) => { clearTimeout(timer); resolve(m); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.socket.write(frame(this.clientType.encode(message).finish()));
    });
  }

  /** Sends a request that gets no reply (game Leave: the server closes the connection). */
  tell(body: Record<string, unknown>): void {
    const message = this.clientType.fromObject({ version: PROTOCOL_VERSION, requestId: this.nextRequestId++, ...body });
    this.socket.write(frame(this.clientType.encode(message).finish()));
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    let bodies: Buffer[];
    try {
      bodies = this.reader.push(chunk);
    } catch (error) {
      this.socket.destroy(error as Error);
      return;
    }
    for (const body of bodies) {
      const decoded = this.serverType.decode(body);
      const message = this.serverType.toObject(decoded, { longs: String, bytes: Buffer, enums: String, oneofs: true,
        defaults: false }) as Envelope;
      if (num(message.version) !== PROTOCOL_VERSION) {
        this.socket.destroy(new Error(`server speaks protocol version ${message.version}`));
        return;
      }
      if (message.body === undefined) {
        continue; // a body case added by a newer server: ignore it ("Versioning")
      }
      const requestId = num(message.requestId);
      const waiting = requestId === 0 ? undefined : this.pending.get(requestId);
      if (!waiting) {
        this.pushListener(message);
        continue;
      }
      this.pending.delete(requestId);
      if (message.body === 'error') {
        waiting.reject(new ProtocolError(message.error.code, message.error.message ?? ''));
      } else {
        waiting.resolve(message);
      }
    }
  }

  private fail(error: Error): void {
    if (this.closedError) {
      return;
    }
    this.closedError = error;
    for (const waiting of this.pending.values()) {
      waiting.reject(error);
    }
    this.pending.clear();
    this.closeListener(error);
  }
}

/** An Error reply: `code` is the ErrorCode name, e.g. ERROR_CODE_UNKNOWN_REGION. */
export class ProtocolError extends Error {
  constructor(readonly code: string, detail: string) {
    super(`${code}: ${detail}`);
  }
}
