// Which of this folder's parsers (and the CSV and descriptor ones) reads a member: name
// patterns first, then content (STYLE.md "Detection cascade"). Returns null for anything else,
// so the caller can try other parsers (Rally, captures) or report the member as skipped.
import { detectSummaryCsv } from '@/ingest/csv/summary';
import { detectFping } from './fping';
import { detectOmbt } from './ombt';

export type EnosParserId =
  | 'edgeperf-descriptor'
  | 'enos-reservation'
  | 'kolla-inventory'
  | 'enos-fping'
  | 'ombt-controller'
  | 'summary-csv';

/** The last path segment of a member path (`a.tar.gz!x/y/reservation.yaml` → `reservation.yaml`). */
export function baseName(path: string): string {
  return path.split(/[/\\!]/).pop() ?? path;
}

export function detectEnosMember(path: string, head: Uint8Array): EnosParserId | null {
  const name = baseName(path).toLowerCase();
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(head.subarray(0, 64 * 1024))
    .replace(/^\uFEFF/, '');
  if (/^\s*[[{]/.test(text) && /\.json$/.test(name) && name !== 'edgeperf.json') return null; // Rally & co.
  if (/^edgeperf\.(ya?ml|json)$/.test(name)) return 'edgeperf-descriptor';
  if (/^reservation\.ya?ml$/.test(name)) return 'enos-reservation';
  if (/\.(fpingout)$/.test(name) && detectFping(text)) return 'enos-fping';
  if (/\.out$/.test(name) && detectFping(text)) return 'enos-fping';
  if (/_docker\.log$/.test(name)) return null; // ombt's human-readable twin of the JSON output
  if (detectOmbt(text)) return 'ombt-controller';
  if (/\.csv$/.test(name) || detectSummaryCsv(text))
    return detectSummaryCsv(text) ? 'summary-csv' : null;
  if (looksLikeInventory(name, text)) return 'kolla-inventory';
  if (/\.ya?ml$/.test(name) && looksLikeReservation(text)) return 'enos-reservation';
  if (detectFping(text)) return 'enos-fping';
  return null;
}

/**
 * An Ansible INI inventory: `[group:children]` sections, or EnOS's `multinode` name with
 * sections. Blanks around a section header are `[ \t]`, not `\s`: with the `m` flag, `^\s*`
 * ran from every line start across all the blank lines below it (quadratic: a head of 14,000
 * newlines took a second, 64 KiB of them ten; found by fuzzing, docs/FUZZING.md).
 */
function looksLikeInventory(name: string, text: string): boolean {
  const sections = /^[ \t]*\[[^\]\s]+\][ \t]*\r?$/m.test(text);
  if ((name === 'multinode' || name === 'hosts' || /inventory/.test(name)) && sections) return true;
  return /^[ \t]*\[[^\]\s:]+:children\][ \t]*\r?$/m.test(text);
}

/** EnOS reservation keys at the top level of a YAML file. */
function looksLikeReservation(text: string): boolean {
  return (
    /^topology:\s*$/m.test(text) ||
    /^network_constraints:\s*$/m.test(text) ||
    (/^provider:/m.test(text) && /^(resources|kolla|registry|inventory):/m.test(text))
  );
}
