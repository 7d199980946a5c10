// The EnOS layouts built by scripts/fixtures/enos/make-archives.sh from the hand-made EnOS
// fixtures and real Rally outputs, expanded as an upload would be, then read by the parsers.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readAll } from '@/ingest/core/source';
import { parseDescriptor } from '@/ingest/descriptor';
import { parseFping } from '@/ingest/enos/fping';
import { parseInventory } from '@/ingest/enos/inventory';
import { parseReservation } from '@/ingest/enos/reservation';
import type { Member } from '../ingest/members';
import { expandInput } from './expand';

const repo = path.resolve(__dirname, '../..');
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
let base: string;
let out: string;
let root: string;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'edgeperf-enos-archives-'));
  out = path.join(base, 'archives');
  root = path.join(base, 'tmp');
  execFileSync('bash', [path.join(repo, 'scripts/fixtures/enos/make-archives.sh'), out], {
    stdio: 'pipe',
  });
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const byName = (members: Member[], suffix: string) => {
  const m = members.find((x) => x.path.endsWith(suffix));
  if (!m) throw new Error(`no member ending with ${suffix}`);
  return m;
};
const text = async (m: Member) => new TextDecoder().decode(await readAll(m.open()));

test('EnOS 3.x backup: nested <host>-rally.tar.gz, reservation, inventory, fping', async () => {
  const x = await expandInput(path.join(out, 'enos-3.x-backup.tar.gz'), { root });
  try {
    expect(x.members.map((m) => m.path)).toEqual([
      'enos-3.x-backup.tar.gz!enos_backup/multinode',
      'enos-3.x-backup.tar.gz!enos_backup/paravance-1.rennes.grid5000.fr-rally.tar.gz!root/rally_home/failures.task.yaml',
      'enos-3.x-backup.tar.gz!enos_backup/paravance-1.rennes.grid5000.fr-rally.tar.gz!root/rally_home/rally-args.json',
      'enos-3.x-backup.tar.gz!enos_backup/paravance-1.rennes.grid5000.fr-rally.tar.gz!root/rally_home/report-failures.task.yaml-0d891352-ac23-4469-82fc-7d694e8b7000.json',
      'enos-3.x-backup.tar.gz!enos_backup/paravance-1.rennes.grid5000.fr.out',
      'enos-3.x-backup.tar.gz!enos_backup/paravance-10.rennes.grid5000.fr.out',
      'enos-3.x-backup.tar.gz!enos_backup/paravance-6.rennes.grid5000.fr.out',
      'enos-3.x-backup.tar.gz!enos_backup/reservation.yaml',
    ]);
    expect(x.archives.map((a) => a.format)).toEqual(['tar.gz', 'tar.gz']);
    const report = byName(x.members, '-0d891352-ac23-4469-82fc-7d694e8b7000.json');
    expect(await report.sha256()).toBe(
      sha(path.join(repo, 'fixtures/rally/rally-3.3/failures.old.json')),
    );

    const reservation = parseReservation(await text(byName(x.members, 'reservation.yaml')));
    expect(reservation.value.factors.sites?.value).toBe(4);
    expect(reservation.value.factors.computes?.value).toBe(8);
    const inventory = parseInventory(await text(byName(x.members, '/multinode')), {
      sites: reservation.value.sites.map((s) => s.name),
    });
    expect(inventory.value.placement.mariadb).toBe('grp1');
    const fping = byName(x.members, 'paravance-6.rennes.grid5000.fr.out');
    const parsed = parseFping(await text(fping), { fileName: fping.path });
    expect(parsed.value.source).toBe('paravance-6.rennes.grid5000.fr');
  } finally {
    await x.cleanup();
  }
});

test('EnOS >= 4 backup as tar.gz and as zip: the same members', async () => {
  const tgz = await expandInput(path.join(out, 'enos-4.x-backup.tar.gz'), { root });
  // The script writes the zip only where the `zip` tool exists; else compare the tar.gz to itself.
  const zipFile = path.join(out, 'enos-4.x-backup.zip');
  const zip = await expandInput(
    fs.existsSync(zipFile) ? zipFile : path.join(out, 'enos-4.x-backup.tar.gz'),
    { root },
  );
  try {
    const strip = (x: typeof tgz) => x.members.map((m) => m.path.replace(/^[^!]+!/, '')).sort();
    expect(strip(tgz)).toEqual([
      'enos_backup/_tmp_enos_/paravance-1.rennes.grid5000.fr.fpingout',
      'enos_backup/_tmp_enos_/paravance-9.rennes.grid5000.fr.fpingout',
      'enos_backup/edgeperf.yaml',
      'enos_backup/multinode',
      'enos_backup/paravance-1.rennes.grid5000.fr-rally-report.html',
      'enos_backup/paravance-1.rennes.grid5000.fr-rally-report.json',
      'enos_backup/reservation.yaml',
    ]);
    expect(strip(zip)).toEqual(strip(tgz));
    for (const m of tgz.members) {
      const twin = zip.members.find(
        (z) => z.path.replace(/^[^!]+!/, '') === m.path.replace(/^[^!]+!/, ''),
      )!;
      expect(await twin.sha256()).toBe(await m.sha256());
    }
    const report = byName(tgz.members, '-rally-report.json');
    expect(await report.sha256()).toBe(
      sha(path.join(repo, 'fixtures/rally/rally-3.3/failures.json')),
    );
    const descriptor = parseDescriptor(await text(byName(tgz.members, 'edgeperf.yaml')));
    expect(descriptor.value.factors.backend?.value).toBe('mariadb');
    const reservation = parseReservation(await text(byName(tgz.members, 'reservation.yaml')));
    expect(reservation.value.rttMs).toBe(20);
  } finally {
    await tgz.cleanup();
    await zip.cleanup();
  }
});

test('two deployment folders in one uncompressed tar', async () => {
  const x = await expandInput(path.join(out, 'campaign.tar'), { root });
  try {
    const folders = new Set(
      x.members
        .filter((m) => /\/reservation\.yaml$/.test(m.path))
        .map((m) => m.path.split('!')[1]!.split('/')[1]),
    );
    expect([...folders]).toEqual(['run-3.x', 'run-4.x']);
    expect(x.archives.map((a) => a.path)).toEqual([
      'campaign.tar',
      'campaign.tar!campaign/run-3.x/paravance-1.rennes.grid5000.fr-rally.tar.gz',
    ]);
  } finally {
    await x.cleanup();
  }
});
