// Property-based fuzzing of the EnOS parsers (issue 7): reservation.yaml (YAML: deep nesting,
// alias bombs, huge ranges and numbers), the Kolla inventory (INI: host ranges, group chains),
// fping output (long lines, odd numbers) and ombt controller output (JSON lines), all from real
// or hand-made fixtures under fixtures/enos. Each case parses to a storable value or fails with
// an IngestError naming the place, within the harness bounds.
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { billionLaughs, jsonModel, textModel, yamlModel } from '@/test/fuzz/formats';
import {
  assertWellBehaved,
  fixture,
  fixtureNames,
  fuzzParams,
  fuzzTimeout,
  reportStats,
} from '@/test/fuzz/harness';
import {
  applyAll,
  ascii,
  describeMutations,
  type FormatModel,
  mutationsArb,
} from '@/test/fuzz/mutations';
import { IngestError } from '../core/errors';
import { EnosContentError } from './common';
import { parseFping } from './fping';
import { parseInventory } from './inventory';
import { parseOmbt } from './ombt';
import { parseReservation } from './reservation';
import { lossToPct, tcRateToMbit, tcTimeToMs } from './units';

afterAll(reportStats);

const enc = new TextEncoder();

/** The layouts the reservation parser reads, besides the two real files. */
const RESERVATION_SEEDS: [string, Uint8Array][] = [
  ['enos-3.x/reservation.yaml', fixture('enos/enos-3.x/reservation.yaml')],
  ['enos-4.x/reservation.yaml', fixture('enos/enos-4.x/reservation.yaml')],
  [
    'resources (g5k, no groups)',
    enc.encode(
      'provider: g5k\nresources:\n  paravance:\n    control: 1\n    compute: 3\n  parasilo: 2\n',
    ),
  ],
  [
    'static provider',
    enc.encode(
      'provider:\n  type: static\nresources:\n  control:\n    - address: 10.0.0.1\n      alias: c1\n  compute:\n    - {address: 10.0.0.2, alias: n1}\n    - {address: 10.0.0.3, alias: n2}\n',
    ),
  ],
  [
    'enoslib machines',
    enc.encode(
      'provider:\n  type: g5k\n  resources:\n    machines:\n      - roles: [control, compute]\n        cluster: paravance\n        nodes: 2\n      - role: compute\n        flavour: tiny\n        number: 3\nnetwork_constraints:\n  groups: [grp[1-3]]\n  default_delay: 5ms\n  except: [grp2]\n',
    ),
  ],
];

const INVENTORY_INSERTS = [
  { label: 'ranges product', bytes: ascii('\nnode[0:99999][0:99999] a=1\n') },
  { label: 'letter and number ranges', bytes: ascii('\nh[a:z][0:99999]\n') },
  { label: 'one big range', bytes: ascii('\n[big]\nn[0:99999]\n') },
  { label: 'range too large', bytes: ascii('\nn[0:99999999999999999999]\n') },
  { label: 'step 0', bytes: ascii('\nn[1:9:0]\n') },
  {
    label: 'children chain 5000',
    bytes: ascii(
      Array.from({ length: 5000 }, (_, i) => `[g${i}:children]\ng${i + 1}\n`).join('') +
        '[g5000]\nhost1\n',
    ),
  },
  {
    label: 'children diamond 40',
    bytes: ascii(
      `${Array.from(
        { length: 40 },
        (_, i) =>
          `[d${i}:children]\nl${i}\nr${i}\n[l${i}:children]\nd${i + 1}\n[r${i}:children]\nd${i + 1}\n`,
      ).join('')}[d40]\nhost1\n[mariadb:children]\nd0\n`,
    ),
  },
  { label: 'cycle', bytes: ascii('\n[a:children]\nb\n[b:children]\na\n') },
  { label: 'vars', bytes: ascii('\n[all:vars]\n__proto__=1\nconstructor=2\n') },
  {
    label: 'host __proto__',
    bytes: ascii('\n[compute]\n__proto__ ansible_host=1.2.3.4 __proto__=x\n'),
  },
  { label: 'unterminated quote', bytes: ascii(' "abc') },
  { label: 'bad section', bytes: ascii('\n[x:y:z]\n') },
];

const FPING_INSERTS = [
  { label: 'long sample line', bytes: ascii(`\nh : ${'1.5 '.repeat(200_000)}2\n`) },
  { label: 'long lost line', bytes: ascii(`\nh : ${'- '.repeat(200_000)}-\n`) },
  { label: 'spaces before a word', bytes: ascii(`\n1${' '.repeat(60_000)}a!\n`) },
  { label: 'stat line', bytes: ascii('\n       0.08 ms (min round trip time)\n') },
  { label: 'targets line', bytes: ascii('\n 999999999999 targets\n') },
  { label: 'colon run', bytes: ascii(`\nh ${':  '.repeat(50_000)}x\n`) },
];

interface Seed {
  name: string;
  bytes: Uint8Array;
  model: FormatModel;
}

function seeds(list: [string, Uint8Array][], model: (b: Uint8Array) => FormatModel): Seed[] {
  return list.map(([name, bytes]) => ({ name, bytes, model: model(bytes) }));
}

/** A seed's name (not the seed: fast-check prints what it generated) and its mutations. */
const caseArb = (list: Seed[]) =>
  fc.integer({ min: 0, max: list.length - 1 }).chain((i) => {
    const s = list[i] as Seed;
    return fc.record({ name: fc.constant(s.name), mutations: mutationsArb(s.bytes, s.model) });
  });

const seedOf = (list: Seed[], name: string) => list.find((s) => s.name === name) as Seed;

function check<T>(label: string, bytes: Uint8Array, fn: () => T) {
  return assertWellBehaved(
    () => {
      const r = fn();
      JSON.stringify(r);
      return r;
    },
    { label, input: bytes },
  );
}

const files = (dir: string, re: RegExp): [string, Uint8Array][] =>
  fixtureNames(dir, re).map((f) => [f, fixture(f)]);

describe('EnOS parsers under mutation', () => {
  test(
    'reservation.yaml',
    async () => {
      const reservations = seeds(RESERVATION_SEEDS, yamlModel);
      await fc.assert(
        fc.asyncProperty(caseArb(reservations), async ({ name, mutations }) => {
          const seed = seedOf(reservations, name);
          const bytes = applyAll(seed.bytes, mutations);
          await check(`reservation: ${seed.name} ${describeMutations(mutations)}`, bytes, () =>
            parseReservation(bytes),
          );
        }),
        fuzzParams(60),
      );
    },
    fuzzTimeout(60_000),
  );

  test(
    'Kolla inventory (with the reservation sites)',
    async () => {
      const list = seeds(
        [...files('enos/enos-3.x', /^multinode$/), ...files('enos/enos-4.x', /^multinode$/)],
        (b) => textModel(b, INVENTORY_INSERTS),
      );
      await fc.assert(
        fc.asyncProperty(caseArb(list), fc.boolean(), async ({ name, mutations }, withSites) => {
          const seed = seedOf(list, name);
          const bytes = applyAll(seed.bytes, mutations);
          await check(`inventory: ${seed.name} ${describeMutations(mutations)}`, bytes, () =>
            parseInventory(
              bytes,
              withSites ? { sites: ['grp1', 'grp2', 'grp3', 'grp4', 'd0', 'g0'] } : {},
            ),
          );
        }),
        fuzzParams(60),
      );
    },
    fuzzTimeout(60_000),
  );

  test(
    'fping output',
    async () => {
      const list = seeds(
        [...files('enos/enos-3.x', /\.out$/), ...files('enos/enos-4.x/_tmp_enos_', /\.fpingout$/)],
        (b) => textModel(b, FPING_INSERTS),
      );
      await fc.assert(
        fc.asyncProperty(caseArb(list), async ({ name, mutations }) => {
          const seed = seedOf(list, name);
          const bytes = applyAll(seed.bytes, mutations);
          await check(`fping: ${seed.name} ${describeMutations(mutations)}`, bytes, () =>
            parseFping(bytes, { fileName: seed.name }),
          );
        }),
        fuzzParams(60),
      );
    },
    fuzzTimeout(60_000),
  );

  test(
    'ombt controller output',
    async () => {
      const list = seeds(files('enos/ombt-orchestrator', /\.log$/), jsonModel);
      await fc.assert(
        fc.asyncProperty(caseArb(list), async ({ name, mutations }) => {
          const seed = seedOf(list, name);
          const bytes = applyAll(seed.bytes, mutations);
          await check(`ombt: ${seed.name} ${describeMutations(mutations)}`, bytes, () =>
            parseOmbt(bytes),
          );
        }),
        fuzzParams(40),
      );
    },
    fuzzTimeout(60_000),
  );
});

describe('EnOS: generated hostile shapes', () => {
  test(
    'reservation: group ranges and constraint matrices of any size',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 2_000_000_000 }),
          fc.integer({ min: 0, max: 5000 }),
          fc.boolean(),
          async (to, constrained, symmetric) => {
            const yaml = [
              'topology:',
              `  grp[1-${to}]:`,
              '    paravance: {compute: 1}',
              'network_constraints:',
              '  default_delay: 10ms',
              '  constraints:',
              `    - {src: "grp[1-${constrained}]", dst: "grp[1-${constrained}]", delay: 5ms${symmetric ? ', symmetric: true' : ''}}`,
              '',
            ].join('\n');
            const bytes = enc.encode(yaml);
            const out = await check(
              `reservation-range: 1-${to} constraints 1-${constrained}`,
              bytes,
              () => parseReservation(bytes),
            );
            if (!out.ok) expect(out.error.at).toBeTruthy();
          },
        ),
        fuzzParams(20, 0.05),
      );
    },
    fuzzTimeout(60_000),
  );

  test(
    'inventory: children chains and diamonds of any depth',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 20_000 }),
          fc.constantFrom('chain', 'diamond' as const),
          async (depth, shape) => {
            const d = shape === 'diamond' ? Math.min(depth, 64) : depth;
            const lines: string[] = [];
            for (let i = 0; i < d; i++) {
              if (shape === 'chain') lines.push(`[g${i}:children]`, `g${i + 1}`);
              else
                lines.push(
                  `[g${i}:children]`,
                  `l${i}`,
                  `r${i}`,
                  `[l${i}:children]`,
                  `g${i + 1}`,
                  `[r${i}:children]`,
                  `g${i + 1}`,
                );
            }
            lines.push(`[g${d}]`, 'host1 ansible_host=10.0.0.1', '[mariadb:children]', 'g0', '');
            const bytes = enc.encode(lines.join('\n'));
            await check(`inventory-groups: ${shape} ${d}`, bytes, () =>
              parseInventory(bytes, { sites: ['g0'] }),
            );
          },
        ),
        fuzzParams(12, 0.05),
      );
    },
    fuzzTimeout(60_000),
  );
});

describe('regressions (docs/FUZZING.md)', () => {
  const timed = <T>(fn: () => T): { value: T; ms: number } => {
    const t0 = performance.now();
    const value = fn();
    return { value, ms: performance.now() - t0 };
  };
  const error = (fn: () => unknown): IngestError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof IngestError) return e;
      throw e;
    }
    throw new Error('no error');
  };

  test('inventory: a [big] section of n[0:99999] is linear (was quadratic: a hang)', () => {
    const { value, ms } = timed(() =>
      parseInventory('[big]\nn[0:99999]\n[mariadb:children]\nbig\n'),
    );
    expect(value.value.groups.big?.hosts).toHaveLength(100_000);
    expect(ms).toBeLessThan(5000);
  });

  test('inventory: ranges multiply; the product is limited, with the line', () => {
    const e = error(() => parseInventory('[compute]\nh1\nnode[0:99999][0:99999] a=1\n'));
    expect(e).toBeInstanceOf(EnosContentError);
    expect(e.at).toBe('line 3');
    expect(e.message).toMatch(/expands to more than 100000 hosts/);
    // And per file (the long run's multinode with `[big] n[0:99999]` inserted: 2.5 s).
    const f = error(() => parseInventory('[a]\nn[0:99999]\n[b]\nm[0:9]\n'));
    expect(f).toMatchObject({ at: 'line 4' });
    expect(f.message).toMatch(/lists more than 100000 hosts/);
  });

  test('inventory: a 20,000-group chain and 64 nested diamonds resolve without recursion', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => `[g${i}:children]\ng${i + 1}`).join(
      '\n',
    );
    const a = timed(() => parseInventory(`${chain}\n[g20000]\nh1\n[mariadb:children]\ng0\n`));
    expect(a.value.value.placement.mariadb).toBe('g20000');
    const diamonds = Array.from(
      { length: 64 },
      (_, i) =>
        `[g${i}:children]\nl${i}\nr${i}\n[l${i}:children]\ng${i + 1}\n[r${i}:children]\ng${i + 1}`,
    ).join('\n');
    const b = timed(() => parseInventory(`${diamonds}\n[g64]\nh1\n[mariadb:children]\ng0\n`));
    expect(b.value.value.services[0]?.hosts).toEqual(['h1']);
    expect(a.ms + b.ms).toBeLessThan(5000);
  });

  test('inventory: vars named __proto__ are kept as vars', () => {
    const r = parseInventory(
      '[compute]\nh1 __proto__=x constructor=y\n[compute:vars]\n__proto__=z\n',
    );
    expect(Object.getOwnPropertyDescriptor(r.value.hosts[0]?.vars, '__proto__')?.value).toBe('x');
    expect(r.value.hosts[0]?.vars.constructor).toBe('y');
    expect(Object.getOwnPropertyDescriptor(r.value.groups.compute?.vars, '__proto__')?.value).toBe(
      'z',
    );
  });

  test('reservation: grp[1-999999999] is a LIMIT error at its key (was a billion names)', () => {
    const e = error(() =>
      parseReservation('topology:\n  grp[1-999999999]:\n    c: {compute: 1}\n'),
    );
    expect(e.code).toBe('LIMIT');
    expect(e.at).toBe('topology.grp[1-999999999]');
    const m = error(() =>
      parseReservation('network_constraints:\n  groups: ["g[1-300]"]\n  default_delay: 5ms\n'),
    );
    expect(m).toMatchObject({ code: 'LIMIT', at: 'network_constraints.groups' });
    // 200 groups, every pair constrained: linear lookups (it was a linear search per pair).
    const { ms } = timed(() =>
      parseReservation(
        'network_constraints:\n  groups: ["g[1-200]"]\n  default_delay: 5ms\n  constraints:\n    - {src: "g[1-200]", dst: "g[1-200]", delay: 1ms, symmetric: true}\n',
      ),
    );
    expect(ms).toBeLessThan(5000);
  });

  test('reservation: a role named constructor is counted as a number', () => {
    const r = parseReservation(
      'topology:\n  g1:\n    c: {constructor: 2, compute: 1}\n    d: {constructor: 1}\n',
    );
    expect(r.value.sites[0]?.roles.constructor).toBe(3);
    expect(r.value.sites[0]?.nodes).toBe(4);
  });

  test('YAML: deep nesting is a LIMIT error with the line, never a stack overflow', () => {
    const base = new TextDecoder().decode(fixture('enos/enos-3.x/reservation.yaml'));
    // Minimised: `x: [[[…` (100,000) inserted at 0, then the first byte set to NUL; and a
    // NUL before 5,000 compact `- ` (a RangeError thrown from inside yaml's parser).
    for (const text of [
      `\u0000: ${'['.repeat(100_000)}${base}`,
      `x: ${'['.repeat(1000)}${']'.repeat(1000)}\n${base}`,
      `\u0000x:\n${'- '.repeat(5000)}1\n${base}`,
      `${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`,
    ]) {
      const e = error(() => parseReservation(text));
      expect(e.code).toBe('LIMIT');
      expect(e.at).toMatch(/^line \d+, column \d+$/);
      expect(e.message).not.toMatch(/call stack/);
    }
    // Alias expansion ("billion laughs") stays yaml's error, with our code.
    const bomb = error(() => parseReservation(new TextDecoder().decode(billionLaughs(9))));
    expect(bomb).toBeInstanceOf(EnosContentError);
  });

  test('YAML that sends yaml’s own parser into deep recursion: a LIMIT error with the line', () => {
    // Minimised from the long run: enos-4.x/reservation.yaml with the 45 bytes at 273
    // ("   control: 1\n      network: 1\n      compute:") repeated 2,278 times: every
    // `compute:   control: 1` opens a mapping inside a value, at the same indentation.
    const bytes = applyAll(fixture('enos/enos-4.x/reservation.yaml'), [
      { kind: 'duplicate', at: 273, len: 45, times: 2278 },
    ]);
    const e = error(() => parseReservation(bytes));
    expect(e.code).toBe('LIMIT');
    expect(e.at).toMatch(/^line \d+/);
    // Whether yaml's parser runs out of stack first or builds the tree (then too deep)
    // depends on the stack left to it: either way a LIMIT error with the line.
    expect(e.message).toMatch(
      /nested deeper than 100 levels|too deeply nested for the YAML reader/,
    );
  });

  test('YAML larger than 256 KiB is refused before it is parsed', () => {
    const e = error(() => parseReservation(`# ${'x'.repeat(300_000)}\ntopology: {}\n`));
    expect(e).toMatchObject({ code: 'LIMIT', at: 'character 262144' });
  });

  test('fping: a statistics-like line of spaces is linear (was cubic: a hang)', () => {
    const { value, ms } = timed(() => parseFping(`h : 1 2\n1${' '.repeat(60_000)}a!\n`));
    expect(value.warnings[0]?.message).toMatch(/^line not understood/);
    expect(ms).toBeLessThan(3000);
  });

  test('fping: 200,000 samples on a line (Math.min(...samples) threw RangeError)', () => {
    const r = parseFping(`h : ${'1.5 '.repeat(200_000)}0.5\n`);
    expect(r.value.targets[0]).toMatchObject({ sent: 200_001, min_ms: 0.5, max_ms: 1.5 });
  });

  test('tc units: long runs of spaces are linear (were quadratic)', () => {
    const s = `${' '.repeat(60_000)}1${' '.repeat(60_000)}!`;
    const { ms } = timed(() => [tcTimeToMs(s), tcRateToMbit(s), lossToPct(s)]);
    expect(ms).toBeLessThan(1000);
    expect([tcTimeToMs(' 25 ms '), tcRateToMbit(' 1 gbit '), lossToPct(' 0.1 % ')]).toEqual([
      25, 1000, 0.1,
    ]);
  });
});
