// biome-ignore lint/style/noRestrictedImports: tests read the fixture files from disk
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { FACTORS } from '@/lib/factors';
import { EnosContentError } from './common';
import { expandHostPattern, parseInventory, shellSplit } from './inventory';
import { parseReservation } from './reservation';

const fixtures = path.resolve(__dirname, '../../fixtures/enos');
const read = (p: string) => new Uint8Array(fs.readFileSync(path.join(fixtures, p)));

test('EnOS 3.x inventory + reservation: control plane in grp1, computes in every site', () => {
  const reservation = parseReservation(read('enos-3.x/reservation.yaml')).value;
  const { value, warnings } = parseInventory(read('enos-3.x/multinode'), {
    sites: reservation.sites.map((s) => s.name),
  });
  expect(warnings).toEqual([]);
  expect(value.placement).toEqual({
    mariadb: 'grp1',
    redis: 'grp1',
    rabbitmq: 'grp1',
    qdrouterd: 'grp1',
    memcached: 'grp1',
    haproxy: 'grp1',
    keystone: 'grp1',
    'glance-api': 'grp1',
    'nova-api': 'grp1',
    'nova-conductor': 'grp1',
    'nova-scheduler': 'grp1',
    'placement-api': 'grp1',
    'neutron-server': 'grp1',
    'nova-compute': 'per-site',
  });
  expect(value.factors.placement).toEqual({ value: value.placement, source: 'multinode:groups' });
  expect(() => FACTORS.placement.schema.parse(value.factors.placement?.value)).not.toThrow();
  const mariadb = value.services.find((s) => s.service === 'mariadb')!;
  expect(mariadb).toEqual({
    service: 'mariadb',
    group: 'mariadb',
    hosts: ['paravance-3.rennes.grid5000.fr'],
    sites: ['grp1'],
    hostGroups: ['database'],
    value: 'grp1',
  });
  const compute = value.services.find((s) => s.service === 'nova-compute')!;
  expect(compute.hosts).toHaveLength(8);
  expect(compute.sites).toEqual(['grp1', 'grp2', 'grp3', 'grp4']);
  const h = value.hosts.find((x) => x.name === 'paravance-6.rennes.grid5000.fr')!;
  expect(h.site).toBe('grp2');
  expect(h.address).toBe('paravance-6.rennes.grid5000.fr');
  expect(h.vars.ansible_ssh_common_args).toBe('-o StrictHostKeyChecking=no');
  expect(h.groups).toEqual(['paravance', 'compute', 'grp2']);
  expect(value.groups.storage).toEqual({ hosts: [], children: [], vars: {}, line: 1 });
  expect(value.groups['nova-conductor']?.children).toEqual(['nova']);
});

test('EnOS 4.x inventory: a controller per site makes the control services per-site', () => {
  const { value } = parseInventory(read('enos-4.x/multinode'), { sites: ['grp1', 'grp2', 'grp3'] });
  expect(value.placement.mariadb).toBe('per-site');
  expect(value.placement.rabbitmq).toBe('per-site');
  expect(value.placement.haproxy).toBe('grp1');
  expect(value.placement['nova-compute']).toBe('per-site');
  const h = value.hosts.find((x) => x.name === 'paravance-9.rennes.grid5000.fr')!;
  expect(h.vars).toMatchObject({
    ansible_port: '22',
    ansible_ssh_user: 'root',
    enos_devices: "['eth1']",
    network_interface_ip: '10.158.1.19',
  });
  expect(h.site).toBe('grp2');
});

test('without sites, placement keeps the inventory group names', () => {
  const { value, warnings } = parseInventory(read('enos-3.x/multinode'));
  expect(value.placement.mariadb).toBe('database');
  expect(value.placement.rabbitmq).toBe('control');
  expect(value.placement['nova-compute']).toBe('compute');
  expect(value.services.every((s) => s.sites === null)).toBe(true);
  expect(warnings.map((w) => w.message)).toEqual([
    'no site is known for the hosts: placement shows inventory groups, not sites',
  ]);
  // Explicit host → site map.
  const partial = parseInventory('[db]\na\nb\n[mariadb:children]\ndb\n', {
    hostSites: { a: 'paris', b: 'nantes' },
  });
  expect(partial.value.placement).toEqual({ mariadb: 'per-site' });
  const some = parseInventory('[db]\na\nb\n[mariadb:children]\ndb\n', {
    hostSites: { a: 'paris', b: 'nantes', c: 'lyon' },
  });
  expect(some.value.placement).toEqual({ mariadb: 'nantes,paris' });
});

test('INI details: ungrouped hosts, vars sections, ranges, quotes, comments, cycles', () => {
  const text = [
    'loose.example ansible_host=10.0.0.1',
    '[web]',
    'web[01:03].example http_port=80 # comment',
    'db-[a:b] note=\'two words\' other="x y"',
    '[web:vars]',
    'ntp_server = ntp.example',
    '[a:children]',
    'b',
    '[b:children]',
    'a',
  ].join('\r\n');
  const { value, warnings } = parseInventory(text, { services: ['web', 'a'] });
  expect(value.groups.ungrouped?.hosts).toEqual(['loose.example']);
  expect(value.groups.web?.hosts).toEqual([
    'web01.example',
    'web02.example',
    'web03.example',
    'db-a',
    'db-b',
  ]);
  expect(value.groups.web?.vars).toEqual({ ntp_server: 'ntp.example' });
  expect(value.hosts.find((h) => h.name === 'db-a')?.vars).toEqual({
    note: 'two words',
    other: 'x y',
  });
  expect(value.placement).toEqual({ web: 'web' });
  expect(warnings.some((w) => /a is its own descendant/.test(w.message))).toBe(true);
  expect(expandHostPattern('n[1:9:4]x', 1)).toEqual(['n1x', 'n5x', 'n9x']);
  expect(shellSplit(`h k='a "b"' # c`, 1)).toEqual(['h', 'k=a "b"']);
});

test('errors give the line', () => {
  const bad = (text: string) => {
    try {
      parseInventory(text);
    } catch (e) {
      expect(e).toBeInstanceOf(EnosContentError);
      return `${(e as EnosContentError).at}: ${(e as Error).message}`;
    }
    throw new Error('no error');
  };
  expect(bad('[ok]\n[web:other]\n')).toBe(
    'line 2: invalid section type :other (expected :children or :vars)',
  );
  expect(bad('[web\n')).toBe('line 1: invalid section header [web');
  expect(bad("[web]\nh1 a='x\n")).toBe("line 2: unterminated ' quote");
  expect(bad('[web]\nh1 notkv\n')).toBe(
    'line 2: expected key=value after the host name, got notkv',
  );
  expect(bad('[x:children]\na b\n')).toBe('line 2: a :children line names one group, got a b');
  expect(bad('')).toMatch(/empty/);
});
