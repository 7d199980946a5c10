// A small renderer for the repository's own docs (headings, paragraphs, lists, tables, code):
// enough for docs/statistics.md, no dependency. Not for untrusted input: it never emits raw HTML,
// every text goes through React's escaping.
import { Fragment, type ReactNode } from 'react';

function inline(text: string, key = 0): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/g;
  let last = 0;
  let i = key;
  for (const m of text.matchAll(re)) {
    const idx = m.index ?? 0;
    if (idx > last) out.push(text.slice(last, idx));
    const t = m[0];
    if (t.startsWith('`'))
      out.push(
        <code key={i++} className="rounded bg-surface-2 px-1 py-0.5 text-[12px] text-fg">
          {t.slice(1, -1)}
        </code>,
      );
    else if (t.startsWith('**'))
      out.push(
        <strong key={i++} className="font-semibold text-fg">
          {t.slice(2, -2)}
        </strong>,
      );
    else out.push(<em key={i++}>{t.slice(1, -1)}</em>);
    last = idx + t.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());
}

export function MarkdownDoc({ source }: { source: string }) {
  const lines = source.split('\n');
  const blocks: ReactNode[] = [];
  let i = 0;
  let k = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (line.startsWith('```')) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').startsWith('```')) body.push(lines[i++] ?? '');
      i++;
      blocks.push(
        <pre
          key={k++}
          className="overflow-x-auto rounded-md border border-border bg-surface-2 p-3 font-mono text-[12px] leading-5 text-fg"
        >
          {body.join('\n')}
        </pre>,
      );
      continue;
    }
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    if (h) {
      const level = h[1]!.length;
      const cls =
        level === 1
          ? 'text-xl font-semibold tracking-tight text-fg'
          : level === 2
            ? 'mt-6 border-b border-border pb-1 text-[16px] font-semibold text-fg'
            : 'mt-4 text-[14px] font-semibold text-fg';
      const Tag = level === 1 ? 'h1' : level === 2 ? 'h2' : 'h3';
      blocks.push(
        <Tag key={k++} className={cls}>
          {inline(h[2]!)}
        </Tag>,
      );
      i++;
      continue;
    }
    if (line.trim().startsWith('|')) {
      const rows: string[][] = [];
      while (i < lines.length && (lines[i] ?? '').trim().startsWith('|'))
        rows.push(cells(lines[i++] ?? ''));
      const [head, , ...body] = rows;
      blocks.push(
        <div key={k++} className="overflow-x-auto">
          <table className="w-full border-collapse text-[12.5px]">
            <thead>
              <tr className="border-b border-border bg-surface-2/60 text-left text-xs text-muted">
                {(head ?? []).map((c, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: static table
                  <th key={j} className="px-3 py-1.5 font-medium">
                    {inline(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {body.map((r, ri) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: static table
                <tr key={ri} className="border-b border-border last:border-b-0 align-top">
                  {r.map((c, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: static table
                    <td key={j} className="px-3 py-1.5">
                      {inline(c)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>,
      );
      continue;
    }
    if (/^\s*[*-]\s+/.test(line)) {
      const items: { depth: number; text: string }[] = [];
      while (i < lines.length) {
        const l = lines[i] ?? '';
        const m = /^(\s*)[*-]\s+(.*)$/.exec(l);
        if (m) items.push({ depth: m[1]!.length >= 2 ? 1 : 0, text: m[2]! });
        else if (l.trim() !== '' && /^\s+/.test(l) && items.length) {
          items[items.length - 1]!.text += ` ${l.trim()}`;
        } else break;
        i++;
      }
      blocks.push(
        <ul key={k++} className="list-disc space-y-1 pl-5">
          {items.map((it, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static list
            <li key={j} className={it.depth ? 'ml-5 list-[circle]' : ''}>
              {inline(it.text)}
            </li>
          ))}
        </ul>,
      );
      continue;
    }
    const para: string[] = [];
    while (i < lines.length) {
      const l = lines[i] ?? '';
      if (
        l.trim() === '' ||
        l.startsWith('#') ||
        l.startsWith('```') ||
        l.trim().startsWith('|') ||
        /^\s*[*-]\s+/.test(l)
      )
        break;
      para.push(l.trim());
      i++;
    }
    blocks.push(<p key={k++}>{inline(para.join(' '))}</p>);
  }
  return (
    <div className="space-y-3 text-[13.5px] leading-relaxed text-muted">
      {blocks.map((b, j) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static document
        <Fragment key={j}>{b}</Fragment>
      ))}
    </div>
  );
}
