// biome-ignore lint/style/noRestrictedImports: tests read the fixture files from disk
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { detectEnosMember } from './detect';

const repo = path.resolve(__dirname, '../..');
const head = (p: string) =>
  new Uint8Array(fs.readFileSync(path.join(repo, p))).subarray(0, 64 * 1024);

test('every hand-made EnOS fixture is recognised, by name and by content', () => {
  const cases: [string, string][] = [
    ['fixtures/enos/enos-3.x/reservation.yaml', 'enos-reservation'],
    ['fixtures/enos/enos-4.x/reservation.yaml', 'enos-reservation'],
    ['fixtures/enos/enos-4.x/edgeperf.yaml', 'edgeperf-descriptor'],
    ['fixtures/enos/enos-3.x/multinode', 'kolla-inventory'],
    ['fixtures/enos/enos-3.x/paravance-1.rennes.grid5000.fr.out', 'enos-fping'],
    ['fixtures/enos/enos-4.x/_tmp_enos_/paravance-9.rennes.grid5000.fr.fpingout', 'enos-fping'],
    ['fixtures/csv/seed-table2.csv', 'summary-csv'],
  ];
  const ombt = fs
    .readdirSync(path.join(repo, 'fixtures/enos/ombt-orchestrator'))
    .find((f) => f.endsWith('.log'))!;
  cases.push([`fixtures/enos/ombt-orchestrator/${ombt}`, 'ombt-controller']);
  for (const [file, parser] of cases) {
    expect(detectEnosMember(`backup.tar.gz!x/${path.basename(file)}`, head(file)), file).toBe(
      parser,
    );
  }
  // By content alone (renamed files).
  expect(detectEnosMember('a/renamed.yml', head('fixtures/enos/enos-3.x/reservation.yaml'))).toBe(
    'enos-reservation',
  );
  expect(detectEnosMember('a/kolla.txt', head('fixtures/enos/enos-4.x/multinode'))).toBe(
    'kolla-inventory',
  );
  expect(
    detectEnosMember('a/result', head('fixtures/enos/enos-3.x/paravance-6.rennes.grid5000.fr.out')),
  ).toBe('enos-fping');
  expect(detectEnosMember('a/stats.txt', head('fixtures/csv/seed-table2.csv'))).toBe('summary-csv');
  // Not ours: Rally files, task files, plain text.
  expect(
    detectEnosMember('r/report.json', head('fixtures/rally/rally-3.3/failures.json')),
  ).toBeNull();
  expect(
    detectEnosMember('r/failures.task.yaml', head('fixtures/rally/rally-3.3/failures.task.yaml')),
  ).toBeNull();
  expect(detectEnosMember('r/notes.txt', new TextEncoder().encode('hello\n'))).toBeNull();
  expect(detectEnosMember('r/x.csv', new TextEncoder().encode('a,b\n1,2\n'))).toBeNull();
});
