// Which Rally JSON shape a file has, decided from its first bytes (DOMAIN.md "Rally results"):
// - old (`rally task results`): a top-level array whose elements have `key` and `result`;
// - new (`rally task report --json`): an object with `info` and `tasks`.
// - HTML report (`rally task report`): an HTML page holding `$scope.scenarios = ` (Rally's
//   report template); `--html-static` pages put ~600 KB of JavaScript libraries before it.
// The head may end anywhere (64 KiB of a 600 MB file): keys that are not reached yet count as
// possibly there. A head that is not JSON nor HTML (binary garbage, text) gives null.

import { JsonSplitter } from '../core/jsonStream';

export type RallyJsonFormat = 'rally-old-json' | 'rally-v2-json';
/** What detection can tell: one of the JSON shapes or Rally's HTML report. */
export type RallyDetectedFormat = RallyJsonFormat | 'rally-html';

/** How many bytes `detectRally` wants (more is fine, less only at the end of the input). */
export const DETECT_HEAD_BYTES = 64 * 1024;

export function detectRally(head: Uint8Array): RallyDetectedFormat | null {
  const r = detectRallyHead(head);
  return r === 'undecided' ? null : r;
}

/**
 * Like `detectRally`, but says 'undecided' when the head ends before anything decisive (for
 * example an old-format workload whose `hooks` fill the first 64 KiB): read more and retry.
 */
export function detectRallyHead(head: Uint8Array): RallyDetectedFormat | null | 'undecided' {
  const html = detectHtmlHead(head);
  if (html !== null) return html;
  const rootKeys = new Set<string>();
  const firstKeys = new Set<string>();
  let firstElement: unknown;
  let firstClosed = false;
  // Big arrays are skipped without building anything; `[0]` (the first old-format workload)
  // is emitted when it closes inside the head.
  const splitter = new JsonSplitter(
    { arrays: ['.tasks', '[*].*'], emit: ['[0]'] },
    {
      key(path, key) {
        if (path.length === 0) rootKeys.add(key);
        else if (path.length === 1 && path[0] === 0) firstKeys.add(key);
      },
    },
  );
  let rootType: 'array' | 'object' | null = null;
  for (const b of head) {
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
    if (b === 0xef || b === 0xbb || b === 0xbf) continue; // byte order mark
    rootType = b === 0x5b ? 'array' : b === 0x7b ? 'object' : null;
    break;
  }
  if (rootType === null) return null;
  let complete = false;
  let broken = false;
  try {
    splitter.push(head);
    complete = splitter.complete;
  } catch {
    // Not JSON from some point on: decide on what was seen before it.
    broken = true;
  } finally {
    for (const ev of splitter.takeEvents()) {
      if (ev.type === 'value' && ev.path.length === 1 && ev.path[0] === 0) {
        firstElement = ev.value;
        firstClosed = true;
      }
    }
  }
  if (rootType === 'object') {
    if (rootKeys.has('tasks') && (rootKeys.has('info') || !complete)) return 'rally-v2-json';
    return complete || broken ? null : 'undecided';
  }
  if (firstClosed) {
    const el = firstElement;
    return typeof el === 'object' && el !== null && 'key' in el && 'result' in el
      ? 'rally-old-json'
      : null;
  }
  if (firstKeys.has('result') || firstKeys.has('key')) return 'rally-old-json';
  return complete || broken ? null : 'undecided';
}

const HTML_TAG = /^<(!doctype\s+html|html|head)[\s>]/i;

/**
 * Whether `text` starts (after blanks and comments) with a doctype, `<html` or `<head`. A scan,
 * not the regex `^\s*(<!--[\s\S]*?-->\s*)*<(…)`: on a run of comments not followed by a tag,
 * that regex tried every way of splitting the run (exponential: 30 `<!---->` took minutes;
 * found by fuzzing, docs/FUZZING.md).
 */
function startsLikeHtml(text: string): boolean {
  const blank = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c;
  let i = 0;
  for (;;) {
    while (i < text.length && blank(text.charCodeAt(i))) i++;
    if (!text.startsWith('<!--', i)) break;
    const end = text.indexOf('-->', i + 4);
    if (end < 0) return false;
    i = end + 3;
  }
  return HTML_TAG.test(text.slice(i, i + 64));
}

/**
 * 'rally-html' when the head holds Rally's `$scope.scenarios = `; 'undecided' for an HTML page
 * whose head does not reach it yet; null when the head is not HTML (then JSON rules apply).
 */
export function detectHtmlHead(head: Uint8Array): 'rally-html' | 'undecided' | null {
  let i = 0;
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (
    i < head.length &&
    (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)
  )
    i++;
  if (head[i] !== 0x3c) return null; // '<'
  // latin1 keeps one char per byte: the marks are ASCII, a cut UTF-8 sequence is harmless.
  const text = new TextDecoder('latin1').decode(head.subarray(i));
  if (!startsLikeHtml(text.slice(0, 4096))) return null;
  return text.includes('$scope.scenarios = ') ? 'rally-html' : 'undecided';
}
