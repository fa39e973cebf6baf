#!/usr/bin/env node
/**
 * Plays one match against a Skirmish stack and reads a leaderboard, logging one line per step:
 *   node dist/src/play.js --match=127.0.0.1:7600 --ranking=127.0.0.1:7720 --mode=duel --region=local
 * Exit status 0 when every step worked, 1 otherwise (the last line says why), 2 for a bad option.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { LoginIdentity, MatchClient, RankingClient } from './clients';
import { Envelope, PLAINTEXT, Transport } from './connection';
import { KEEPALIVE_INTERVAL_MS } from './constants';
import { GameSession, MatchTicket } from './game';
import { num } from './schema';

const CLIENT_VERSION = '0.1.0';

interface Options {
  match: [string, number];
  ranking: [string, number];
  player?: string;
  deviceId: string;
  deviceSecretFile?: string;
  mode: string;
  region: string;
  seconds: number;
  untilMatchEnd: boolean;
  board: string;
  timeoutSeconds: number;
  transport: Transport;
}

function parse(argv: string[]): Options {
  const values = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) {
      throw new Error(`unknown argument '${arg}'`);
    }
    values.set(match[1], match[2] ?? 'true');
  }
  const known = ['match', 'ranking', 'player', 'device-id', 'device-secret-file', 'mode', 'region', 'seconds',
    'until-match-end', 'board', 'timeout', 'tls-trust', 'tls'];
  for (const key of values.keys()) {
    if (!known.includes(key)) {
      throw new Error(`unknown option --${key} (known: ${known.map((k) => '--' + k).join(' ')})`);
    }
  }
  const address = (text: string): [string, number] => {
    const colon = text.lastIndexOf(':');
    const port = Number(text.slice(colon + 1));
    if (colon <= 0 || !Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new Error(`'${text}' is not host:port`);
    }
    return [text.slice(0, colon), port];
  };
  const mode = (values.get('mode') ?? 'duel').toUpperCase();
  return {
    match: address(values.get('match') ?? '127.0.0.1:7600'),
    ranking: address(values.get('ranking') ?? '127.0.0.1:7720'),
    player: values.get('player'),
    deviceId: values.get('device-id') ?? `ts-${randomBytes(8).toString('hex')}`,
    deviceSecretFile: values.get('device-secret-file'),
    mode: mode.startsWith('GAME_MODE_') ? mode : `GAME_MODE_${mode}`,
    region: values.get('region') ?? 'local',
    seconds: Number(values.get('seconds') ?? '5'),
    untilMatchEnd: values.get('until-match-end') === 'true',
    board: values.get('board') ?? 'duel',
    timeoutSeconds: Number(values.get('timeout') ?? '90'),
    transport: values.has('tls-trust') ? { tls: true, trustedPem: fs.readFileSync(values.get('tls-trust') as string) }
      : values.get('tls') === 'true' ? { tls: true } : PLAINTEXT,
  };
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits for the MatchFound push; asks QueueStatusRequest now and then in case a push was missed. */
async function matchFound(match: MatchClient, sessionToken: Buffer, deadline: number): Promise<Envelope> {
  let found: Envelope | undefined;
  match.onPush((message) => {
    if (message.body === 'matchFound') {
      found = found ?? message.matchFound;
    } else if (message.body === 'queueUpdate') {
      log(`queue update state=${message.queueUpdate.state} waited_ms=${num(message.queueUpdate.waitedMs)}`);
    }
  });
  let nextStatus = Date.now() + 5_000;
  while (!found) {
    if (Date.now() > deadline) {
      throw new Error('no MatchFound before the deadline');
    }
    if (Date.now() > nextStatus) {
      const status = await match.queueStatus(sessionToken);
      log(`queue status state=${status.state}`);
      nextStatus = Date.now() + 3_000;
    }
    await sleep(20);
  }
  return found;
}

/**
 * --player logs in on trust (--dev servers only); otherwise as a device, with the secret kept in
 * --device-secret-file (written on the device's first login, read on the later ones).
 */
function identity(options: Options): LoginIdentity {
  if (options.player) {
    return { playerId: options.player };
  }
  const file = options.deviceSecretFile;
  if (file && fs.existsSync(file)) {
    return { deviceId: options.deviceId, deviceSecret: Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex') };
  }
  return { deviceId: options.deviceId };
}

async function play(options: Options): Promise<void> {
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  const match = await MatchClient.connect(...options.match, options.transport);
  const loginOk = await match.login(identity(options), CLIENT_VERSION);
  const sessionToken: Buffer = loginOk.sessionToken;
  const newSecret: Buffer | undefined = loginOk.deviceSecret;
  if (newSecret && options.deviceSecretFile) {
    fs.writeFileSync(options.deviceSecretFile, newSecret.toString('hex'), { mode: 0o600 });
  }
  log(`logged in player=${loginOk.playerId} login=${options.player ? 'trusted' : 'device'} `
    + `new_account=${newSecret !== undefined} transport=${options.transport.tls ? 'tls' : 'plaintext'} `
    + `session_token_bytes=${sessionToken.length}`);

  const joinedAt = performance.now();
  const queued = await match.joinQueue(sessionToken, options.mode, options.region);
  log(`queued state=${queued.state} mode=${queued.mode} region=${queued.region}`);
  const found = await matchFound(match, sessionToken, deadline);
  log(`match found match=${found.matchId} server=${found.host}:${num(found.tcpPort)}/${num(found.udpPort)} `
    + `team=${num(found.team)} after_ms=${Math.round(performance.now() - joinedAt)}`);

  const ticket: MatchTicket = { host: found.host, tcpPort: num(found.tcpPort), udpPort: num(found.udpPort),
    connectToken: found.connectToken, connectTokenId: found.connectTokenId };
  const game = await GameSession.connect(ticket, CLIENT_VERSION, options.transport);
  const welcome = game.welcome;
  log(`welcome connection=${welcome.connectionId} entity=${num(welcome.yourEntityId)} `
    + `tick_rate_hz=${num(welcome.tickRateHz)} reconnected=${welcome.reconnected === true}`);
  let ended: Envelope | undefined;
  let closed: Error | undefined;
  game.on('matchEnd', (result: Envelope) => { ended = result; });
  game.on('closed', (error: Error) => { closed = closed ?? error; });

  // Inputs at the server's tick rate: circle around and fire now and then.
  const tickMs = 1000 / Math.max(1, num(welcome.tickRateHz));
  const playUntil = Date.now() + options.seconds * 1000;
  const playStart = performance.now();
  let sent = 0;
  let lastSend = Date.now();
  while (Date.now() < playUntil || (options.untilMatchEnd && !ended)) {
    if (closed) {
      throw closed;
    }
    if (Date.now() > deadline) {
      throw new Error('the match did not end before the deadline');
    }
    if (ended) {
      if (Date.now() >= playUntil) break;
      if (Date.now() - lastSend >= KEEPALIVE_INTERVAL_MS) {
        game.keepAlive();
        lastSend = Date.now();
      }
      await sleep(tickMs);
      continue;
    }
    const angle = (sent % 360) * Math.PI / 180;
    game.sendInput({ moveX: Math.round(127 * Math.cos(angle)), moveY: Math.round(127 * Math.sin(angle)),
      aim: (sent * 500) & 0xffff, fire: sent % 10 === 0 });
    sent++;
    lastSend = Date.now();
    await sleep(tickMs);
  }
  const playedSeconds = (performance.now() - playStart) / 1000;
  log(`snapshots decrypted=${game.snapshotsDecrypted} dropped=${game.datagramsDropped} `
    + `newest_tick=${game.newestSnapshotTick} per_second=${(game.snapshotsDecrypted / playedSeconds).toFixed(1)} `
    + `entities_visible=${game.world.entities.size}`);
  if (game.lastProcessedInputSequence === 0) {
    throw new Error(`none of ${sent} inputs was acknowledged (Snapshot.last_processed_input_sequence stayed 0)`);
  }
  const delays = [...game.ackDelaysMs].sort((a, b) => a - b);
  const median = delays.length === 0 ? 0 : delays[Math.floor(delays.length / 2)];
  log(`input acked sequence=${game.lastProcessedInputSequence} sent=${sent} header_ack=${game.serverAck} `
    + `ack_ms_p50=${median.toFixed(1)}`);
  if (ended) {
    log(`match end reason=${ended.endReason} winner_team=${num(ended.winnerTeam)} players=${ended.players.length}`);
  }
  game.close();
  match.close();

  const ranking = await RankingClient.connect(...options.ranking, options.transport);
  const board = { board: options.board, period: 'PERIOD_SEASON' as const, periodKey: '' };
  let rank: Envelope;
  // A result reaches the boards a moment after the match ends (through the results stream).
  do {
    rank = await ranking.rank(board, loginOk.playerId);
    if (rank.found || !ended || Date.now() > deadline) break;
    await sleep(250);
  } while (true);
  const top = await ranking.top(board, 10);
  log(`board read board=${top.board.board} period=${top.board.period} period_key=${top.board.periodKey} `
    + `entries=${(top.entries ?? []).length} total=${num(top.totalEntries)} found=${rank.found === true}`
    + (rank.found ? ` rank=${num(rank.entry.rank)}` : ''));
  ranking.close();
  log('done');
}

let options: Options;
try {
  options = parse(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
play(options).then(() => process.exit(0), (error: Error) => {
  log(`failed: ${error.message}`);
  process.exit(1);
});
