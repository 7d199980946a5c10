// biome-ignore lint/style/noRestrictedImports: tests read the fixture files from disk
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { FACTORS } from '@/lib/factors';
import { EnosContentError } from './common';
import { expandGroups, parseReservation } from './reservation';
import { lossToPct, tcRateToMbit, tcTimeToMs } from './units';

const fixtures = path.resolve(__dirname, '../../fixtures/enos');
const read = (p: string) => new Uint8Array(fs.readFileSync(path.join(fixtures, p)));

function link(src: string, dst: string, delay_ms: number, rate_mbit: number, loss_pct: number) {
  return { src, dst, delay_ms, rate_mbit, loss_pct };
}

test('EnOS 3.x reservation: 4 sites from grp1 + grp[2-4], both symmetric spellings', () => {
  const { value, warnings } = parseReservation(read('enos-3.x/reservation.yaml'));
  expect(value.layout).toBe('topology');
  expect(value.provider).toBe('g5k');
  expect(value.sites).toEqual([
    {
      name: 'grp1',
      declaredAt: 'topology.grp1',
      clusters: ['paravance'],
      roles: { control: 1, network: 1, database: 1, compute: 2 },
      nodes: 5,
    },
    ...['grp2', 'grp3', 'grp4'].map((name) => ({
      name,
      declaredAt: 'topology.grp[2-4]',
      clusters: ['paravance'],
      roles: { compute: 2 },
      nodes: 2,
    })),
  ]);
  expect(value.computes).toBe(8);
  expect(value.networkConstraints?.enabled).toBe(true);
  expect(value.networkConstraints?.links).toEqual([
    link('grp1', 'grp2', 50, 100, 0.1),
    link('grp1', 'grp3', 50, 100, 0.1),
    link('grp1', 'grp4', 10, 1000, 0), // mirrored from `symmetric: true`
    link('grp2', 'grp1', 50, 100, 0.1), // mirrored from `symetric: true`
    link('grp2', 'grp3', 25, 1000, 0),
    link('grp2', 'grp4', 25, 1000, 0),
    link('grp3', 'grp1', 50, 100, 0.1),
    link('grp3', 'grp2', 25, 1000, 0),
    link('grp3', 'grp4', 25, 1000, 0),
    link('grp4', 'grp1', 10, 1000, 0),
    link('grp4', 'grp2', 25, 1000, 0),
    link('grp4', 'grp3', 25, 1000, 0),
  ]);
  expect(value.rttMs).toBeNull(); // 100, 20 and 50 ms: not uniform
  expect(value.factors).toEqual({
    sites: { value: 4, source: 'reservation.yaml:topology' },
    computes: { value: 8, source: 'reservation.yaml:topology' },
    latency: {
      value: value.networkConstraints?.links,
      source: 'reservation.yaml:network_constraints',
    },
    openstack_release: { value: 'queens', source: 'reservation.yaml:kolla_ref' },
  });
  // The factor values satisfy lib/factors.ts schemas.
  for (const [key, f] of Object.entries(value.factors)) {
    expect(() => FACTORS[key as keyof typeof FACTORS].schema.parse(f.value)).not.toThrow();
  }
  expect(warnings).toEqual([]);
});

test('EnOS 4.x reservation: uniform 10 ms one-way gives rtt_ms 20', () => {
  const { value } = parseReservation(read('enos-4.x/reservation.yaml'), {
    fileName: 'reservation.yml',
  });
  expect(value.sites.map((s) => [s.name, s.nodes])).toEqual([
    ['grp1', 8],
    ['grp2', 7],
    ['grp3', 7],
  ]);
  expect(value.computes).toBe(18);
  expect(value.rttMs).toBe(20);
  expect(value.networkConstraints?.links).toEqual([
    link('grp1', 'grp2', 10, 1000, 0),
    link('grp1', 'grp3', 10, 1000, 0),
    link('grp2', 'grp1', 10, 1000, 0),
    link('grp2', 'grp3', 10, 10000, 0),
    link('grp3', 'grp1', 10, 1000, 0),
    link('grp3', 'grp2', 10, 10000, 0),
  ]);
  expect(value.factors.rtt_ms).toEqual({
    value: 20,
    source: 'reservation.yml:network_constraints',
  });
  expect(value.factors.sites).toEqual({ value: 3, source: 'reservation.yml:topology' });
  expect(value.factors.openstack_release).toEqual({
    value: 'ussuri',
    source: 'reservation.yml:kolla.openstack_release',
  });
});

test('except and groups: a constraint on an excepted group is ignored, as in EnOS', () => {
  const yaml = `
topology:
  site[1-3]:
    econome:
      compute: 1
network_constraints:
  default_delay: 5ms
  default_rate: 1gbit
  except: [site3]
  constraints:
    - {src: site3, dst: site1, delay: 100ms, symetric: false}
`;
  const { value, warnings } = parseReservation(yaml);
  expect(value.networkConstraints?.links).toEqual([
    link('site1', 'site2', 5, 1000, 0),
    link('site2', 'site1', 5, 1000, 0),
  ]);
  // `symetric: false` still mirrors: EnOS tests the key's presence.
  expect(warnings.map((w) => w.message)).toEqual([
    'constraint 0 (site3 → site1) matches no group pair (unknown or excepted group): ignored, as EnOS does',
    'constraint 0 (site1 → site3) matches no group pair (unknown or excepted group): ignored, as EnOS does',
  ]);
  // site3 has no emulated delay at all: the RTT between sites is not uniform.
  expect(value.rttMs).toBeNull();
  expect(value.sites).toHaveLength(3);
});

test('enable: false applies nothing: latency and rtt stay unknown', () => {
  const yaml =
    'topology:\n  a: {c: {compute: 1}}\n  b: {c: {compute: 1}}\nnetwork_constraints:\n  enable: no\n  default_delay: 5ms\n  default_rate: 1gbit\n';
  const { value, warnings } = parseReservation(yaml);
  expect(value.networkConstraints?.enabled).toBe(false);
  expect(value.factors.latency).toBeUndefined();
  expect(value.factors.rtt_ms).toBeUndefined();
  expect(warnings[0]?.at).toBe('network_constraints.enable');
});

test('layouts without groups are one site', () => {
  const g5k = parseReservation(
    'resources:\n  paravance:\n    control: 1\n    compute: 3\n  econome:\n    compute: 2\n',
  );
  expect(g5k.value.layout).toBe('resources');
  expect(g5k.value.sites).toEqual([
    {
      name: 'all',
      declaredAt: 'resources',
      clusters: ['paravance', 'econome'],
      roles: { control: 1, compute: 5 },
      nodes: 6,
    },
  ]);
  expect(g5k.value.factors.computes).toEqual({ value: 5, source: 'reservation.yaml:resources' });
  expect(g5k.value.factors.sites).toEqual({ value: 1, source: 'reservation.yaml:resources' });

  const machines = parseReservation(
    'provider:\n  type: g5k\n  resources:\n    machines:\n      - {roles: [control, network], cluster: paravance, nodes: 1}\n      - {role: compute, cluster: paravance, nodes: 4}\n',
  );
  expect(machines.value.layout).toBe('machines');
  expect(machines.value.sites[0]?.roles).toEqual({ control: 1, network: 1, compute: 4 });
  expect(machines.value.factors.computes).toEqual({
    value: 4,
    source: 'reservation.yaml:provider.resources.machines',
  });

  const stat = parseReservation(
    'hosts:\n  1: &n\n    address: 127.0.0.1\n    alias: enos-node\nresources:\n  compute: [*n]\n  control: [*n]\n  network: [*n]\n',
  );
  expect(stat.value.layout).toBe('static');
  expect(stat.value.sites[0]).toMatchObject({
    roles: { compute: 1, control: 1, network: 1 },
    nodes: 1,
  });

  const none = parseReservation('provider: vagrant\n');
  expect(none.value.factors).toEqual({});
  expect(none.warnings[0]?.message).toMatch(/sites and computes are unknown/);
});

test('errors name the key path and the line', () => {
  const bad = (yaml: string) => {
    try {
      parseReservation(yaml);
    } catch (e) {
      expect(e).toBeInstanceOf(EnosContentError);
      return { at: (e as EnosContentError).at, message: (e as Error).message };
    }
    throw new Error('no error');
  };
  expect(bad('topology:\n  grp1:\n    paravance:\n      compute: two\n')).toEqual({
    at: 'topology.grp1.paravance.compute',
    message: 'expected a node count (a non-negative integer), got "two" (line 4)',
  });
  expect(
    bad('topology:\n  a: {c: {compute: 1}}\nnetwork_constraints:\n  default_delay: 25 parsecs\n'),
  ).toEqual({
    at: 'network_constraints.default_delay',
    message: 'not a tc delay: "25 parsecs" (line 4)',
  });
  expect(
    bad(
      'topology:\n  a: {c: {compute: 1}}\nnetwork_constraints:\n  default_delay: 1ms\n  constraints:\n    - dst: a\n      delay: 3ms\n',
    ),
  ).toMatchObject({ at: 'network_constraints.constraints[0].src' });
  expect(bad('topology:\n  grp1: [\n')).toMatchObject({
    at: expect.stringMatching(/^line \d+, column \d+$/),
  });
  expect(bad('- a\n- b\n')).toMatchObject({ at: '$' });
  expect(() => parseReservation('')).toThrow(EnosContentError);
});

test('group ranges expand like EnOS expand_groups', () => {
  expect(expandGroups('grp[2-4]')).toEqual(['grp2', 'grp3', 'grp4']);
  expect(expandGroups('grp1')).toEqual(['grp1']);
  expect(expandGroups('g[3-1]')).toEqual([]);
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z]{1,5}$/), fc.nat(50), fc.nat(20), (name, start, len) => {
      const out = expandGroups(`${name}[${start}-${start + len}]`);
      expect(out).toHaveLength(len + 1);
      expect(out[0]).toBe(`${name}${start}`);
    }),
  );
});

test('tc units', () => {
  expect(tcTimeToMs('25ms')).toBe(25);
  expect(tcTimeToMs('1s')).toBe(1000);
  expect(tcTimeToMs('500us')).toBe(0.5);
  expect(tcTimeToMs('100')).toBe(0.1); // bare number: microseconds (tc(8))
  expect(tcTimeToMs('fast')).toBeNull();
  expect(tcRateToMbit('100mbit')).toBe(100);
  expect(tcRateToMbit('1gbit')).toBe(1000);
  expect(tcRateToMbit('10kbit')).toBe(0.01);
  expect(tcRateToMbit('1mbps')).toBe(8); // bytes per second
  expect(tcRateToMbit('1mibit')).toBe(1.048576);
  expect(tcRateToMbit('1 furlong')).toBeNull();
  expect(lossToPct('0.1%')).toBe(0.1);
  expect(lossToPct(0.1)).toBe(0.1);
  expect(lossToPct('150%')).toBeNull();
});

test('a YAML alias bomb is refused, not expanded', () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 0; i < 9; i++) {
    const prev = String.fromCharCode(97 + i);
    const next = String.fromCharCode(98 + i);
    lines.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(',')}]`);
  }
  lines.push('topology:\n  g:\n    c:\n      compute: 1');
  expect(() => parseReservation(lines.join('\n'))).toThrow(EnosContentError);
});
