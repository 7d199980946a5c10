// The CLI as users script it (CONTRACT.md): --json document, exit codes, export.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { main } from '@/server/cli/main';
import { FUELCCP, storeLocation, TEST_PG_URL, tempDir } from './helpers';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = tempDir();
const { cliDb: db } = storeLocation(dir, 'cli');

test('ingest --json prints one document, prints the store, and exits 0', async () => {
  const r = await run([
    'ingest',
    FUELCCP,
    '--db',
    db,
    '--json',
    '--campaign',
    'c1',
    '--set',
    'backend=MySQL',
    '--set',
    'sites=4',
  ]);
  expect(r.code).toBe(0);
  expect(r.err).toContain(`store: ${TEST_PG_URL ? db.replace(/:[^:@/]*@/, ':***@') : db}`);
  const doc = JSON.parse(r.out);
  expect(doc.runs).toEqual([
    {
      id: expect.stringMatching(/^run_[0-9A-Z]{26}$/),
      name: path.basename(FUELCCP),
      created: true,
    },
  ]);
  expect(doc.members).toEqual([
    { path: path.basename(FUELCCP), status: 'used', parser: 'rally-old-json', reason: null },
  ]);
  expect(doc.errors).toEqual([]);

  const again = JSON.parse((await run(['ingest', FUELCCP, '--db', db, '--json'])).out);
  expect(again.runs).toEqual([{ ...doc.runs[0], created: false }]);

  const exported = await run(['export', '--db', db, '--run', doc.runs[0].id]);
  expect(exported.code).toBe(0);
  const runDoc = JSON.parse(exported.out);
  expect(runDoc.id).toBe(doc.runs[0].id);
  expect(runDoc.campaign.name).toBe('c1');
  expect(runDoc.factors.backend).toEqual({ value: 'mysql', source: 'cli:--set' });
  expect(runDoc.factors.sites).toEqual({ value: 4, source: 'cli:--set' });
  expect(runDoc.workloads[0].data).toBeUndefined();

  const raw = JSON.parse((await run(['export', '--db', db, '--raw'])).out);
  expect(raw.runs).toHaveLength(1);
  expect(raw.runs[0].workloads[0].data).toHaveLength(113);
});

test('a bad file exits 1 with the file and the place named', async () => {
  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, '[{"key": {"name": "x"}, "result": [{"duration": ');
  const r = await run(['ingest', bad, '--db', db]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/error: bad\.json.*JSON_SYNTAX/);
});

test('usage errors exit 2', async () => {
  expect((await run(['ingest'])).code).toBe(2);
  expect((await run(['frobnicate'])).code).toBe(2);
  const r = await run(['ingest', FUELCCP, '--db', db, '--set', 'colour=blue']);
  expect(r.code).toBe(2);
  expect(r.err).toContain('unknown factor "colour"');
  expect((await run(['ingest', FUELCCP, '--db', db, '--set', 'sites=many'])).code).toBe(2);
});

test('export of an unknown run exits 1', async () => {
  const r = await run(['export', '--db', db, '--run', 'run_NOPE']);
  expect(r.code).toBe(1);
  expect(r.err).toContain('no run run_NOPE');
});
