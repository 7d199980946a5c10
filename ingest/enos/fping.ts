// `enos tc --test` latency results: fping's per-target report. EnOS runs, on every host,
// `fping -C 5 -q -s -e -f /tmp/hosts 2>/tmp/result` and fetches /tmp/result as
// `<tc_output_dir>/<inventory_hostname>.out` (enos/ansible/roles/utils/tasks/test.yml; later
// versions name it `<host>.fpingout`). With -C and -q fping writes, on stderr, one line per
// target, `<target padded> : <rtt> <rtt> …` in milliseconds with `-` for a ping that got no
// reply, then (-s) the global statistics block:
//
//   10.158.0.12 : 0.10 0.08 - 0.09 0.08
//
//          3 targets
//        …
//    0.08 ms (min round trip time)
//          4.506 sec (elapsed real time)
import type { ParseWarning } from '@/ingest/model';
import { clean, EnosContentError, type ParseResult, toText } from './common';

export interface FpingTarget {
  /** The target as fping printed it (an address, or a name without -A). */
  target: string;
  /** Round-trip times in ms; null for a lost ping. */
  samples: (number | null)[];
  sent: number;
  received: number;
  loss_pct: number;
  min_ms: number | null;
  avg_ms: number | null;
  max_ms: number | null;
  line: number;
}

export interface FpingSummary {
  targets: number | null;
  alive: number | null;
  unreachable: number | null;
  sent: number | null;
  received: number | null;
  min_ms: number | null;
  avg_ms: number | null;
  max_ms: number | null;
  elapsed_s: number | null;
}

export interface FpingOutput {
  /** The host that ran fping, from the file name (`paravance-1.out` → `paravance-1`). */
  source: string | null;
  targets: FpingTarget[];
  summary: FpingSummary | null;
}

export interface FpingOptions {
  fileName?: string;
}

/**
 * A statistics line: a number, maybe `ms`, then words (single spaces between them) and maybe a
 * parenthesised note. The words are not `[a-zA-Z ]+?` after `\s+`: spaces matched by either
 * made a line of spaces take cubic time (60,000 spaces: minutes; docs/FUZZING.md). Which
 * statistic it is comes from `summaryField`.
 */
const STAT_LINE = /^(\d+(?:\.\d+)?)\s+(?:ms\s+)?\(?[a-zA-Z]+(?: +[a-zA-Z]+)*\)?(?:\s*\([^)]*\))?$/;

const TARGET_LINE = /^(\S+)\s+:\s+((?:-|\d+(?:\.\d+)?)(?:\s+(?:-|\d+(?:\.\d+)?))*)\s*$/;
const LOOKS_LIKE_TARGET = /^(\S+)\s+:\s+(.*)$/;

/** `results/paravance-1.rennes.grid5000.fr.fpingout` → `paravance-1.rennes.grid5000.fr`. */
export function fpingSourceHost(fileName: string): string | null {
  const base = fileName.split(/[/\\!]/).pop() ?? '';
  const m = /^(.+)\.(?:fpingout|out)$/.exec(base);
  return m ? m[1]! : null;
}

/** True when the first non-blank line is an fping -C line. */
export function detectFping(head: Uint8Array | string): boolean {
  const text = typeof head === 'string' ? head : new TextDecoder().decode(head.subarray(0, 4096));
  const first = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== '');
  return first !== undefined && TARGET_LINE.test(first.trim());
}

export function parseFping(
  input: string | Uint8Array,
  opts: FpingOptions = {},
): ParseResult<FpingOutput> {
  const warnings: ParseWarning[] = [];
  const text = toText(input);
  const targets: FpingTarget[] = [];
  const summary: FpingSummary = {
    targets: null,
    alive: null,
    unreachable: null,
    sent: null,
    received: null,
    min_ms: null,
    avg_ms: null,
    max_ms: null,
    elapsed_s: null,
  };
  let inSummary = false;
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.trim();
    if (line === '') return;
    const t = TARGET_LINE.exec(line);
    if (t && !inSummary) {
      const samples = t[2]!.split(/\s+/).map((s) => (s === '-' ? null : Number(s)));
      const got = samples.filter((s): s is number => s !== null);
      targets.push({
        target: t[1]!,
        samples,
        sent: samples.length,
        received: got.length,
        loss_pct: clean(((samples.length - got.length) / samples.length) * 100),
        min_ms: got.length ? minOf(got) : null,
        avg_ms: got.length ? clean(got.reduce((a, b) => a + b, 0) / got.length) : null,
        max_ms: got.length ? maxOf(got) : null,
        line: lineNo,
      });
      return;
    }
    const stat = STAT_LINE.exec(line);
    const summaryKey = stat ? summaryField(line) : null;
    if (stat && summaryKey) {
      inSummary = true;
      if (summaryKey !== 'ignore') summary[summaryKey] = Number(stat[1]);
      return;
    }
    const bad = LOOKS_LIKE_TARGET.exec(line);
    if (
      bad &&
      !inSummary &&
      /^[-\d.\s]+$/.test(bad[2]!) === false &&
      !/duplicate|unreachable/i.test(line)
    ) {
      // Point at the first token that is neither a number nor `-`.
      const re = /\S+/g;
      re.lastIndex = raw.indexOf(':') + 1;
      let column = raw.indexOf(':') + 3;
      for (let m = re.exec(raw); m; m = re.exec(raw)) {
        if (!/^(-|\d+(\.\d+)?)$/.test(m[0])) {
          column = m.index + 1;
          break;
        }
      }
      throw new EnosContentError(
        `not an fping -C result: ${JSON.stringify(bad[2])}`,
        `line ${lineNo}, column ${column}`,
      );
    }
    warnings.push({
      message: `line not understood, skipped: ${line.slice(0, 120)}`,
      at: `line ${lineNo}`,
    });
  });
  if (targets.length === 0) {
    throw new EnosContentError('no fping result line (`<target> : <rtt> <rtt> …`)', null);
  }
  const counts = new Set(targets.map((t) => t.sent));
  if (counts.size > 1) {
    warnings.push({
      message: `targets have different ping counts (${[...counts].join(', ')}): the file may be cut`,
    });
  }
  const hasSummary = Object.values(summary).some((v) => v !== null);
  const source = opts.fileName ? fpingSourceHost(opts.fileName) : null;
  return {
    value: { source, targets, summary: hasSummary ? summary : null },
    warnings,
    format: 'fping-C',
    formatVersion: null,
  };
}

// Math.min(...values) passes every value as an argument: past ~120,000 (one long line, or the
// pooled samples of many hosts) it throws RangeError: Maximum call stack size exceeded.
function minOf(values: readonly number[]): number {
  let m = Number.POSITIVE_INFINITY;
  for (const v of values) if (v < m) m = v;
  return m;
}

function maxOf(values: readonly number[]): number {
  let m = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > m) m = v;
  return m;
}

function summaryField(line: string): keyof FpingSummary | 'ignore' | null {
  if (/\btargets$/.test(line)) return 'targets';
  if (/\balive$/.test(line)) return 'alive';
  if (/\bunreachable$/.test(line)) return 'unreachable';
  if (/ICMP Echos sent$/.test(line)) return 'sent';
  if (/ICMP Echo Replies received$/.test(line)) return 'received';
  if (/\(min round trip time\)$/.test(line)) return 'min_ms';
  if (/\(avg round trip time\)$/.test(line)) return 'avg_ms';
  if (/\(max round trip time\)$/.test(line)) return 'max_ms';
  if (/\(elapsed real time\)$/.test(line)) return 'elapsed_s';
  if (/unknown addresses$|timeouts \(waiting for response\)$|other ICMP received$/.test(line))
    return 'ignore';
  return null;
}

export interface SiteRtt {
  src: string;
  dst: string;
  /** Every reply between hosts of the two sites, in ms. */
  samples: number;
  sent: number;
  min_ms: number | null;
  avg_ms: number | null;
  max_ms: number | null;
  loss_pct: number;
}

/**
 * Measured RTT per site pair: each output's source host and each target are mapped to sites
 * (unmapped ones are left out); the pings of every host pair of the two sites are pooled.
 */
export function rttBySitePair(
  outputs: FpingOutput[],
  siteOfHost: (host: string) => string | null,
  siteOfTarget: (target: string) => string | null,
): SiteRtt[] {
  const pairs = new Map<string, { src: string; dst: string; values: number[]; sent: number }>();
  for (const out of outputs) {
    const src = out.source ? siteOfHost(out.source) : null;
    if (!src) continue;
    for (const t of out.targets) {
      const dst = siteOfTarget(t.target);
      if (!dst) continue;
      const key = `${src}\n${dst}`;
      let p = pairs.get(key);
      if (!p) {
        p = { src, dst, values: [], sent: 0 };
        pairs.set(key, p);
      }
      p.sent += t.sent;
      for (const s of t.samples) if (s !== null) p.values.push(s);
    }
  }
  return [...pairs.values()]
    .map((p) => ({
      src: p.src,
      dst: p.dst,
      samples: p.values.length,
      sent: p.sent,
      min_ms: p.values.length ? minOf(p.values) : null,
      avg_ms: p.values.length ? clean(p.values.reduce((a, b) => a + b, 0) / p.values.length) : null,
      max_ms: p.values.length ? maxOf(p.values) : null,
      loss_pct: p.sent ? clean(((p.sent - p.values.length) / p.sent) * 100) : 0,
    }))
    .sort(
      (a, b) =>
        a.src.localeCompare(b.src, 'en', { numeric: true }) ||
        a.dst.localeCompare(b.dst, 'en', { numeric: true }),
    );
}
