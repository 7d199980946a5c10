// Micro-benchmark: parse throughput of parseRally (no-op sink) against a plain JSON.parse of the
// same bytes, on ~200 MB built by repeating real iterations from the fixtures.
//
//   npx tsx scripts/bench/rallyParse.ts [megabytes=200] [rounds=3] [streamed iterations=1000000]
//
// JSON.parse needs the whole document as one string (and all of it as objects at once), which
// the streaming parser avoids; it is the speed to stay close to (aim: within 2-3x).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { splitJson } from '../../ingest/core/jsonStream';
import { bytesSource, iterableSource } from '../../ingest/core/source';
import { type RallySink, parseRally } from '../../ingest/rally/index';
import { RallyStats } from '../../ingest/rally/stats';

const FIXTURES = path.resolve(__dirname, '../../fixtures/rally');
const MB = 1e6;

/** Re-indents a pretty-printed JSON value nested `spaces` deep (as Rally's json.dumps(indent=4)). */
function indent(json: string, spaces: number): string {
  return json.replace(/\n/g, `\n${' '.repeat(spaces)}`);
}

/** An old-format file (`rally task results`) with `targetBytes` of repeated real iterations. */
function buildOld(targetBytes: number): { bytes: Uint8Array; iterations: number } {
  const file = JSON.parse(
    readFileSync(
      path.join(FIXTURES, 'public/fuelccp_boot_and_delete_kill_rabbitmq_oldformat.json'),
      'utf8',
    ),
  ) as { result: unknown[] }[];
  const workload = file[0] as { result: unknown[] };
  const its = workload.result.map((it) => indent(JSON.stringify(it, null, 4), 12));
  workload.result = ['@DATA@'];
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const s = its[i % its.length] as string;
    parts.push(s);
    size += s.length + 14;
  }
  const text = JSON.stringify(file, null, 4).replace(
    '"@DATA@"',
    parts.join(`,\n${' '.repeat(12)}`),
  );
  return { bytes: new TextEncoder().encode(text), iterations: parts.length };
}

/** A new-format report (`rally task report --json`) with repeated real iterations (nested atomics, failures). */
function buildNew(targetBytes: number): { bytes: Uint8Array; iterations: number } {
  const doc = JSON.parse(
    readFileSync(path.join(FIXTURES, 'rally-3.3/no-name-action.json'), 'utf8'),
  );
  const workload = doc.tasks[0].subtasks[0].workloads[0];
  const its = (workload.data as unknown[]).map((it) => indent(JSON.stringify(it, null, 4), 24));
  workload.data = ['@DATA@'];
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const s = its[i % its.length] as string;
    parts.push(s);
    size += s.length + 26;
  }
  workload.total_iteration_count = parts.length;
  const skeleton = JSON.stringify(doc, null, 4);
  const text = skeleton.replace('"@DATA@"', parts.join(`,\n${' '.repeat(24)}`));
  return { bytes: new TextEncoder().encode(text), iterations: parts.length };
}

const noop: RallySink = { iterations() {}, workloadEnd() {}, taskEnd() {} };

/**
 * `count` iterations streamed from a generator (never in memory as a whole, like a 600 MB file
 * read from disk) through parseRally + RallyStats: time and peak memory.
 */
async function streamedRun(count: number): Promise<void> {
  const file = JSON.parse(
    readFileSync(
      path.join(FIXTURES, 'public/fuelccp_boot_and_delete_kill_rabbitmq_oldformat.json'),
      'utf8',
    ),
  ) as { result: unknown[] }[];
  const workload = file[0] as { result: unknown[] };
  const its = workload.result.map((it) => indent(JSON.stringify(it, null, 4), 12));
  workload.result = ['@DATA@'];
  const [prefix, suffix] = JSON.stringify(file, null, 4).split('"@DATA@"') as [string, string];
  const enc = new TextEncoder();
  let produced = 0;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    yield enc.encode(prefix);
    let parts: string[] = [];
    let size = 0;
    for (let i = 0; i < count; i++) {
      const s = `${i > 0 ? `,\n${' '.repeat(12)}` : ''}${its[i % its.length]}`;
      parts.push(s);
      size += s.length;
      if (size >= 1 << 20) {
        const bytes = enc.encode(parts.join(''));
        produced += bytes.length;
        yield bytes;
        parts = [];
        size = 0;
      }
    }
    yield enc.encode(parts.join('') + suffix);
  }
  let peakHeap = 0;
  let peakRss = 0;
  const stats = new RallyStats();
  const t0 = performance.now();
  await parseRally(
    iterableSource(chunks()),
    {
      iterations(_p, batch) {
        for (const it of batch) stats.add(it);
      },
      workloadEnd() {},
      taskEnd() {},
    },
    {
      onProgress() {
        const m = process.memoryUsage();
        peakHeap = Math.max(peakHeap, m.heapUsed);
        peakRss = Math.max(peakRss, m.rss);
      },
    },
  );
  const table = stats.result();
  const s = (performance.now() - t0) / 1000;
  console.log(
    `\nstreamed old-format file, ${count} iterations, ${(produced / MB).toFixed(0)} MB generated on the fly:` +
      `\n  parseRally + RallyStats ${(produced / MB / s).toFixed(0)} MB/s, ${s.toFixed(1)} s;` +
      ` peak heap ${(peakHeap / MB).toFixed(0)} MB, peak rss ${(peakRss / MB).toFixed(0)} MB;` +
      ` total count ${table.total.count}`,
  );
}

async function time(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  const target = Number(process.argv[2] ?? 200) * MB;
  const rounds = Number(process.argv[3] ?? 3);
  for (const [label, build] of [
    ['old format (fuelccp iterations)', buildOld],
    ['new format (no-name-action iterations)', buildNew],
  ] as const) {
    const { bytes, iterations } = build(target);
    const mb = bytes.length / MB;
    console.log(`\n${label}: ${mb.toFixed(0)} MB, ${iterations} iterations`);
    const best: Record<string, number> = {};
    const record = (name: string, s: number) => {
      best[name] = Math.min(best[name] ?? Number.POSITIVE_INFINITY, s);
    };
    for (let r = 0; r < rounds; r++) {
      record(
        'TextDecoder + JSON.parse (whole document)',
        await time(() => JSON.parse(new TextDecoder().decode(bytes))),
      );
      record(
        'splitJson only (no validation)',
        await time(() =>
          splitJson(
            bytesSource(bytes),
            { items() {} },
            { arrays: ['[*].result', '.tasks[*].subtasks[*].workloads[*].data'] },
          ),
        ),
      );
      record('parseRally, no-op sink', await time(() => parseRally(bytesSource(bytes), noop)));
      const stats = new Map<number, RallyStats>();
      record(
        'parseRally + RallyStats',
        await time(() =>
          parseRally(bytesSource(bytes), {
            iterations(p, batch) {
              let s = stats.get(p);
              if (!s) {
                s = new RallyStats();
                stats.set(p, s);
              }
              for (const it of batch) s.add(it);
            },
            workloadEnd() {},
            taskEnd() {},
          }).then(() => {
            for (const s of stats.values()) s.result();
          }),
        ),
      );
    }
    const base = best['TextDecoder + JSON.parse (whole document)'] as number;
    for (const [name, s] of Object.entries(best)) {
      if (!Number.isFinite(s) || s === 0) continue;
      console.log(
        `  ${name.padEnd(44)} ${(mb / s).toFixed(0).padStart(5)} MB/s  ${s.toFixed(2).padStart(6)} s  ${(s / base).toFixed(2)}x JSON.parse`,
      );
    }
  }
  const streamed = Number(process.argv[4] ?? 1_000_000);
  if (streamed > 0) await streamedRun(streamed);
  const mem = process.memoryUsage();
  console.log(
    `\npeak-ish heap used ${(mem.heapUsed / MB).toFixed(0)} MB, rss ${(mem.rss / MB).toFixed(0)} MB`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
