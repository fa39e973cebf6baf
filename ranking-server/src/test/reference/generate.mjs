// Generates the reference cases that PlackettLuceReferenceTest checks the Java rating engine
// against. The reference implementation is the openskill npm package, version 5 (Plackett-Luce
// is its default model). The output is deterministic: same seed, same openskill, same file.
//
//   cd ranking-server/src/test/reference
//   npm ci
//   node generate.mjs            # writes ../../resources/rating/openskill-v5-reference.json
//
// Each case: {"name", "options"?, "teams", "ranks"?, "expected"}. "options" holds only what
// differs from the openskill defaults; "ranks" is absent when the teams are in finishing order.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rate } from 'openskill';

const SEED = 0x5c1a_2026;
const OUT = fileURLToPath(new URL('../resources/rating/openskill-v5-reference.json', import.meta.url));
const OPENSKILL_VERSION = JSON.parse(
  readFileSync(new URL('./node_modules/openskill/package.json', import.meta.url), 'utf8'),
).version;
if (!OPENSKILL_VERSION.startsWith('5.')) {
  throw new Error(`need openskill 5.x, found ${OPENSKILL_VERSION}; run npm ci`);
}

// mulberry32: small, fast, and the same on every JavaScript engine.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rng = mulberry32(SEED);
const uniform = (lo, hi) => lo + (hi - lo) * rng();
const int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1)); // inclusive
const pick = (xs) => xs[int(0, xs.length - 1)];
const shuffle = (xs) => {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

const DEFAULT = { mu: 25, sigma: 25 / 3 };
const typical = () => ({ mu: uniform(5, 45), sigma: uniform(0.8, 25 / 3) });
const fresh = () => ({ ...DEFAULT });
const extreme = () =>
  pick([
    () => ({ mu: uniform(-300, 300), sigma: uniform(0.001, 0.05) }),
    () => ({ mu: uniform(-300, 300), sigma: uniform(30, 200) }),
    () => ({ mu: pick([-1, 1]) * uniform(500, 2000), sigma: uniform(0.5, 10) }),
    () => ({ mu: uniform(-1e-3, 1e-3), sigma: uniform(1e-4, 1e-2) }),
    () => typical(),
  ])();

const team = (size, player = typical) => Array.from({ length: size }, () => player());
const teamsOf = (sizes, player = typical) => sizes.map((s) => team(s, player));
const inOrder = (n) => Array.from({ length: n }, (_, i) => i + 1);

// Ranks with ties: each team draws from a few places, so groups of equal ranks appear.
const partialTies = (n) => {
  if (n < 3) return Array(n).fill(1); // two teams can only tie completely
  for (;;) {
    const ranks = Array.from({ length: n }, () => int(1, Math.max(2, n - 1)));
    const distinct = new Set(ranks).size;
    if (distinct > 1 && distinct < n) return ranks;
  }
};
// Unsorted, gapped and negative ranks, possibly tied.
const scrambled = (n) => shuffle(inOrder(n)).map((r) => r * int(1, 7) - int(0, 3) * 5);

const cases = [];
let redrawn = 0;

function add(name, makeTeams, makeRanks, options = {}) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const teams = makeTeams();
    const ranks = makeRanks ? makeRanks(teams.length) : undefined;
    const args = ranks ? { ...options, rank: ranks } : { ...options };
    const expected = rate(teams, args);
    const finite = expected.every((t) => t.every((p) => Number.isFinite(p.mu) && Number.isFinite(p.sigma)));
    if (!finite) {
      redrawn += 1;
      continue;
    }
    const c = { name: `${name}-${cases.length}` };
    if (Object.keys(options).length > 0) c.options = options;
    c.teams = teams;
    if (ranks) c.ranks = ranks;
    c.expected = expected.map((t) => t.map(({ mu, sigma }) => ({ mu, sigma })));
    cases.push(c);
    return;
  }
  throw new Error(`cannot draw a finite case for ${name}`);
}

const repeat = (n, f) => {
  for (let i = 0; i < n; i += 1) f(i);
};

// Duels.
add('1v1-fresh', () => teamsOf([1, 1], fresh));
add('1v1-fresh-draw', () => teamsOf([1, 1], fresh), () => [1, 1]);
repeat(50, () => add('1v1', () => teamsOf([1, 1]), () => shuffle([1, 2])));
repeat(10, () => add('1v1-draw', () => teamsOf([1, 1]), () => [3, 3]));
// Squads.
repeat(40, () => add('2v2', () => teamsOf([2, 2]), () => pick([[1, 2], [2, 1], [1, 1]])));
add('3v3-fresh', () => teamsOf([3, 3], fresh));
repeat(40, () => add('3v3', () => teamsOf([3, 3]), () => pick([[1, 2], [2, 1], [1, 1]])));
// Free-for-all with 8 players.
add('ffa8-fresh', () => teamsOf(Array(8).fill(1), fresh));
repeat(40, () => add('ffa8', () => teamsOf(Array(8).fill(1)), () => shuffle(inOrder(8))));
repeat(15, () => add('ffa8-partial-ties', () => teamsOf(Array(8).fill(1)), partialTies));
// Uneven teams, two to five of them.
repeat(40, () =>
  add('uneven', () => teamsOf(Array.from({ length: int(2, 5) }, () => int(1, 4))), (n) => shuffle(inOrder(n))),
);
// Ties.
repeat(20, () =>
  add('all-tied', () => teamsOf(Array.from({ length: int(2, 6) }, () => int(1, 3))), (n) => Array(n).fill(int(-2, 4))),
);
repeat(30, () => add('partial-ties', () => teamsOf(Array.from({ length: int(3, 7) }, () => int(1, 3))), partialTies));
// Rank orders given unsorted, gapped, negative.
repeat(30, () => add('unsorted-ranks', () => teamsOf(Array.from({ length: int(2, 8) }, () => int(1, 3))), scrambled));
// Ranks omitted: teams listed in finishing order.
repeat(10, () => add('no-ranks', () => teamsOf(Array.from({ length: int(2, 5) }, () => int(1, 3)))));
// Extreme means and deviations.
repeat(40, () =>
  add('extreme', () => teamsOf(Array.from({ length: int(2, 6) }, () => int(1, 3)), extreme), (n) => shuffle(inOrder(n))),
);
repeat(10, () => add('extreme-ties', () => teamsOf(Array.from({ length: int(3, 6) }, () => int(1, 2)), extreme), partialTies));
// Non-default model options (the Java side maps the same names onto RatingOptions).
const optionSets = [
  { tau: 0 },
  { tau: 0.5 },
  { beta: 2 },
  { beta: 10 },
  { kappa: 0.01 },
  { kappa: 0.5 },
  { limitSigma: true },
  { limitSigma: true, tau: 1 },
  { limitSigma: true, tau: 0 },
  { balance: true },
  { balance: true, beta: 3, tau: 0.2 },
];
for (const options of optionSets) {
  repeat(4, () =>
    add('options', () => teamsOf(Array.from({ length: int(2, 5) }, () => int(1, 3))), pick([partialTies, scrambled]), options),
  );
}

const header = {
  generator: 'ranking-server/src/test/reference/generate.mjs',
  reference: `openskill ${OPENSKILL_VERSION} (npm), rate() with the Plackett-Luce model`,
  seed: SEED,
  redrawnNonFinite: redrawn,
  count: cases.length,
};
// One case per line keeps diffs of a regenerated file readable.
const body = cases.map((c) => '    ' + JSON.stringify(c)).join(',\n');
const head = JSON.stringify(header, null, 2).replace(/\n}$/, '');
writeFileSync(OUT, `${head},\n  "cases": [\n${body}\n  ]\n}\n`);
console.log(`wrote ${cases.length} cases (${redrawn} non-finite draws redrawn) to ${OUT}`);
