import * as path from 'node:path';
import * as protobuf from 'protobufjs';

/**
 * The Skirmish .proto files, loaded at run time with protobufjs (no generated code). By default
 * they are read from the repository's protocol module; set SKIRMISH_PROTO_DIR to use a copy.
 */
export function protoDir(): string {
  return process.env.SKIRMISH_PROTO_DIR
    ?? path.resolve(__dirname, '..', '..', '..', '..', 'protocol', 'src', 'main', 'proto');
}

export interface Schema {
  root: protobuf.Root;
  type(name: string): protobuf.Type;
  enumValue(enumName: string, value: number): string;
}

let cached: Schema | undefined;

export function loadSchema(dir: string = protoDir()): Schema {
  if (cached) {
    return cached;
  }
  const root = new protobuf.Root();
  root.resolvePath = (_origin: string, target: string) => path.join(dir, target);
  root.loadSync([
    'skirmish/common/v1/common.proto',
    'skirmish/match/v1/match.proto',
    'skirmish/game/v1/game.proto',
    'skirmish/game/v1/packets.proto',
    'skirmish/ranking/v1/ranking.proto',
    'skirmish/token/v1/token.proto',
  ], { keepCase: false });
  root.resolveAll();
  cached = {
    root,
    type: (name: string) => root.lookupType(name),
    enumValue: (enumName: string, value: number) => root.lookupEnum(enumName).valuesById[value] ?? String(value),
  };
  return cached;
}

/** A protobuf integer (number or Long for 64-bit fields) as a JS number. */
export function num(value: unknown): number {
  if (value === undefined || value === null) {
    return 0;
  }
  return typeof value === 'number' ? value : Number(String(value));
}

/** A u64 (number or Long) as a bigint, exact. */
export function u64(value: unknown): bigint {
  if (value === undefined || value === null) {
    return 0n;
  }
  if (typeof value === 'number') {
    return BigInt(value);
  }
  const long = value as { low: number; high: number; unsigned?: boolean };
  if (typeof long.low === 'number' && typeof long.high === 'number') {
    return (BigInt(long.high >>> 0) << 32n) | BigInt(long.low >>> 0);
  }
  return BigInt(String(value));
}
