// biome-ignore lint/style/noRestrictedImports: tests read the fixture files from disk
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import {
  DescriptorContentError,
  parseAddress,
  parseDescriptor,
  siteOfAddress,
} from './parseDescriptor';
import { descriptorJsonSchema, descriptorSchema } from './schema';
import { FACTOR_KEYS } from '@/lib/factors';

const fixture = new Uint8Array(
  fs.readFileSync(path.resolve(__dirname, '../../fixtures/enos/enos-4.x/edgeperf.yaml')),
);

function fail(text: string): { at: string | null; message: string } {
  try {
    parseDescriptor(text);
  } catch (e) {
    expect(e).toBeInstanceOf(DescriptorContentError);
    expect((e as DescriptorContentError).code).toBe('DESCRIPTOR');
    return { at: (e as DescriptorContentError).at, message: (e as Error).message };
  }
  throw new Error('no error');
}

test('the fixture descriptor, normalized with factor sources', () => {
  const { value, warnings, format } = parseDescriptor(fixture);
  expect(format).toBe('edgeperf-descriptor');
  expect(warnings).toEqual([]);
  expect(value.name).toBe('3 sites, 10 ms, MariaDB in grp1');
  expect(value.campaign).toBe('multi-site-2020');
  expect(value.factors).toEqual({
    backend: { value: 'mariadb', source: 'edgeperf.yaml:factors.backend' },
    backend_nodes: { value: 1, source: 'edgeperf.yaml:factors.backend_nodes' },
    replication: { value: 1, source: 'edgeperf.yaml:factors.replication' },
    bus: { value: 'rabbitmq', source: 'edgeperf.yaml:factors.bus' },
    bus_nodes: { value: 1, source: 'edgeperf.yaml:factors.bus_nodes' },
    tags: { value: ['demo', 'hand-made'], source: 'edgeperf.yaml:factors.tags' },
  });
  expect(value.sites).toEqual([
    { name: 'grp1', cidrs: ['10.158.0.0/24'] },
    { name: 'grp2', cidrs: ['10.158.1.0/24'] },
    { name: 'grp3', cidrs: ['10.158.2.0/24', 'fd00:158:2::/64'] },
  ]);
  expect(value.notes).toMatch(/Hand-made fixture/);
  expect(siteOfAddress('10.158.1.17', value.sites)).toBe('grp2');
  expect(siteOfAddress('fd00:158:2::9', value.sites)).toBe('grp3');
  expect(siteOfAddress('10.159.0.1', value.sites)).toBeNull();
});

test('every factor of lib/factors.ts is accepted, normalized by its schema; null means unknown', () => {
  const { value } = parseDescriptor(
    JSON.stringify({
      factors: {
        backend: ' Redis ',
        sites: '4',
        rtt_ms: 20,
        latency: [{ src: 'a', dst: 'b', delay_ms: 10, rate_mbit: 1000, loss_pct: 0 }],
        placement: { 'nova-conductor': 'grp1', rabbitmq: 'per-site' },
        computes: 24,
        openstack_release: 'queens',
        rally_version: '0.9.1',
        bus: null,
      },
    }),
    { fileName: 'edgeperf.yml' },
  );
  expect(value.factors.backend).toEqual({ value: 'redis', source: 'edgeperf.yml:factors.backend' });
  expect(value.factors.sites?.value).toBe(4);
  expect(value.factors.bus).toEqual({ value: null, source: 'edgeperf.yml:factors.bus' });
  expect(value.factors.placement?.value).toEqual({
    'nova-conductor': 'grp1',
    rabbitmq: 'per-site',
  });
});

test('errors name the key path and the line', () => {
  expect(fail('name: x\nfactors:\n  sites: four\n')).toEqual({
    at: 'factors.sites',
    message: expect.stringMatching(/^factors\.sites: .*\(line 3\)$/),
  });
  expect(fail('factors:\n  colour: blue\n')).toEqual({
    at: 'factors.colour',
    message: expect.stringMatching(/^factors\.colour: unknown factor colour .*\(line 2\)$/),
  });
  expect(fail('sites:\n  - name: a\n    cidr: 10.0.0.0/33\n')).toEqual({
    at: 'sites[0].cidr',
    message: expect.stringMatching(/expected a CIDR .*\(line 3\)$/),
  });
  expect(fail('nmae: typo\n').message).toMatch(/^nmae: unknown key nmae \(line 1\)$/);
  expect(fail('factors: [\n').at).toMatch(/^line \d+, column \d+$/);
  expect(fail('- a\n').at).toBe('$');
  expect(fail('version: 2\n').at).toBe('version');
});

test('descriptorJsonSchema() describes every field and factor', () => {
  const schema = descriptorJsonSchema() as {
    type: string;
    properties: Record<string, { properties?: Record<string, unknown> }>;
    additionalProperties: boolean;
  };
  expect(schema.type).toBe('object');
  expect(Object.keys(schema.properties)).toEqual([
    'version',
    'name',
    'campaign',
    'factors',
    'sites',
    'notes',
  ]);
  expect(Object.keys(schema.properties.factors?.properties ?? {})).toEqual(FACTOR_KEYS);
  expect(schema.additionalProperties).toBe(false);
  expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  expect(descriptorSchema.safeParse({ name: 'x' }).success).toBe(true);
});

test('address parsing', () => {
  expect(parseAddress('10.0.0.1')).toEqual(new Uint8Array([10, 0, 0, 1]));
  expect(parseAddress('::1')?.[15]).toBe(1);
  expect(parseAddress('::ffff:10.0.0.1')?.slice(10)).toEqual(
    new Uint8Array([0xff, 0xff, 10, 0, 0, 1]),
  );
  expect(parseAddress('1::2::3')).toBeNull();
  expect(parseAddress('300.0.0.1')).toBeNull();
  expect(
    siteOfAddress('10.0.1.5', [
      { name: 'wide', cidrs: ['10.0.0.0/16'] },
      { name: 'narrow', cidrs: ['10.0.1.0/24'] },
    ]),
  ).toBe('narrow');
});
