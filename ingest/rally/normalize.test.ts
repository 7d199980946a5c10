// biome-ignore lint/style/noRestrictedImports: tests read the fixture files from disk
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseJsonText } from '../core/jsonStream';
import {
  isLegacyIteration,
  isReportIteration,
  legacyIteration,
  legacyIterationStrict,
  reportIteration,
  reportIterationStrict,
} from './normalize';
import {
  LegacyIterationSchema,
  LegacyIterationWithListSchema,
  ReportIterationSchema,
} from './schema';

const FIXTURES = path.resolve(__dirname, '../../fixtures/rally');
const load = (rel: string) => parseJsonText(readFileSync(path.join(FIXTURES, rel), 'utf8'));
const files = readdirSync(path.join(FIXTURES, 'rally-3.3')).filter((f) => f.endsWith('.json'));

type Doc = { tasks: { subtasks: { workloads: { data: unknown[] }[] }[] }[] };
const newIterations = files
  .filter((f) => !f.endsWith('.old.json') && f !== 'expected-stats.json')
  .flatMap((f) =>
    (load(`rally-3.3/${f}`) as Doc).tasks.flatMap((t) =>
      t.subtasks.flatMap((s) => s.workloads.flatMap((w) => w.data)),
    ),
  );
const oldIterations = [
  ...files.filter((f) => f.endsWith('.old.json')).map((f) => `rally-3.3/${f}`),
  'public/fuelccp_boot_and_delete_kill_rabbitmq_oldformat.json',
].flatMap((rel) => (load(rel) as { result: unknown[] }[]).flatMap((w) => w.result));

/** Variants of a valid iteration, valid and not, to compare the fast check with zod. */
function mutations(it: Record<string, unknown>): unknown[] {
  const out: unknown[] = [it, null, [], 'x', [it]];
  const values = [
    undefined,
    null,
    'x',
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -1,
    0,
    [],
    {},
    ['a'],
    [1],
    true,
  ];
  for (const key of [...Object.keys(it), 'extra']) {
    for (const v of values) out.push({ ...it, [key]: v });
  }
  const atomics = it.atomic_actions;
  if (Array.isArray(atomics) && atomics.length > 0) {
    const first = atomics[0] as Record<string, unknown>;
    for (const key of ['name', 'started_at', 'finished_at', 'children', 'failed']) {
      for (const v of values) {
        out.push({ ...it, atomic_actions: [{ ...first, [key]: v }, ...atomics.slice(1)] });
      }
    }
  }
  return out;
}

describe('fast iteration check vs the zod schemas', () => {
  test('the fixtures hold both kinds of iterations', () => {
    expect(newIterations.length).toBeGreaterThan(200);
    expect(oldIterations.length).toBeGreaterThan(300);
  });

  test('same normalized iterations on every real iteration', () => {
    newIterations.forEach((raw, i) => {
      expect(isReportIteration(raw)).toBe(true);
      expect(reportIteration(raw, [], i)).toEqual(reportIterationStrict(raw, [], i));
    });
    oldIterations.forEach((raw, i) => {
      expect(isLegacyIteration(raw)).toBe(true);
      expect(legacyIteration(raw, [], i)).toEqual(legacyIterationStrict(raw, [], i));
    });
  });

  test('whatever the fast check accepts, zod accepts (and both normalize alike)', () => {
    const sample = newIterations[0] as Record<string, unknown>;
    expect(isReportIteration({ ...sample, duration: Number.NaN })).toBe(false);
    expect(isReportIteration({ ...sample, error: [1] })).toBe(false);
    for (const raw of mutations(newIterations[0] as Record<string, unknown>)) {
      if (isReportIteration(raw)) {
        expect(ReportIterationSchema.safeParse(raw).success).toBe(true);
        expect(reportIteration(raw, [], 0)).toEqual(reportIterationStrict(raw, [], 0));
      }
    }
    for (const raw of mutations(oldIterations[0] as Record<string, unknown>)) {
      if (isLegacyIteration(raw)) {
        const ok =
          LegacyIterationSchema.safeParse(raw).success ||
          LegacyIterationWithListSchema.safeParse(raw).success;
        expect(ok).toBe(true);
        expect(legacyIteration(raw, [], 0)).toEqual(legacyIterationStrict(raw, [], 0));
      }
    }
  });
});
