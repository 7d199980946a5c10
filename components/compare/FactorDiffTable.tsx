'use client';

import { useState } from 'react';
import { Unknown } from '@/components/ui/Badge';
import { Panel } from '@/components/ui/Panel';
import { formatFactorValue } from '@/lib/format';
import type { FactorValue } from '@/lib/apiTypes';
import type { CompareFactorDiff, CompareSide } from '@/lib/compareTypes';
import { SideLabel } from './SideLabel';

function Value({ v }: { v: FactorValue | FactorValue[] }) {
  // A group whose runs disagree on a non-fingerprint factor lists its distinct values.
  if (Array.isArray(v) && v.length > 1 && v.some((x) => x === null || typeof x !== 'object')) {
    return (
      <span className="inline-flex flex-wrap items-center gap-1">
        {v.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: values may repeat as text
          <span key={i}>
            {i > 0 && <span className="text-faint"> / </span>}
            {formatFactorValue(x) ?? <Unknown />}
          </span>
        ))}
        <span className="rounded border border-border px-1 text-[10px] text-muted">varies</span>
      </span>
    );
  }
  const text = formatFactorValue(v);
  return text == null ? <Unknown /> : <span className="break-words">{text}</span>;
}

/** The configuration diff: every factor per side, differing ones highlighted. */
export function FactorDiffTable({
  factors,
  sides,
}: {
  factors: CompareFactorDiff[];
  sides: CompareSide[];
}) {
  const differing = factors.filter((f) => f.differs);
  // Short by default: what differs; every factor one click away.
  const [onlyDiff, setOnlyDiff] = useState(differing.length > 0);
  const shown = onlyDiff ? differing : factors;
  return (
    <Panel
      title="Configuration"
      subtitle={
        differing.length === 0
          ? 'The sides share every known factor'
          : `${differing.length} factor${differing.length > 1 ? 's' : ''} differ: ${differing.map((f) => f.label).join(', ')}`
      }
      actions={
        <label className="flex items-center gap-1.5 text-xs text-muted">
          <input
            type="checkbox"
            checked={onlyDiff}
            onChange={(e) => setOnlyDiff(e.target.checked)}
            className="h-3.5 w-3.5 accent-[var(--accent)]"
          />
          Only differing
        </label>
      }
      bodyClassName="overflow-x-auto"
    >
      <table
        className="w-full min-w-[560px] border-collapse text-[12.5px]"
        data-testid="factor-diff"
      >
        <thead>
          <tr className="border-b border-border bg-surface-2/60 text-xs text-muted">
            <th scope="col" className="py-2 pr-3 pl-4 text-left font-medium">
              Factor
            </th>
            {sides.map((s, i) => (
              <th key={s.id} scope="col" className="px-3 py-2 text-left font-medium">
                <SideLabel side={s} index={i} maxWidth={150} showKind />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((f) => (
            <tr
              key={f.key}
              data-factor={f.key}
              data-differs={f.differs}
              className={`border-b border-border last:border-b-0 ${f.differs ? 'bg-warn-soft/60' : ''}`}
            >
              <th scope="row" className="py-1.5 pr-3 pl-4 text-left font-normal whitespace-nowrap">
                <span className={f.differs ? 'font-semibold text-fg' : 'text-muted'}>
                  {f.label}
                </span>
                {f.inFingerprint && (
                  <span
                    className="ml-1.5 rounded border border-border px-1 align-middle font-mono text-[9.5px] text-faint"
                    title="Part of the configuration fingerprint: runs that share every such factor are repetitions"
                  >
                    fp
                  </span>
                )}
                {f.differs && (
                  <span className="ml-1.5 align-middle text-[10.5px] font-medium text-warn">
                    ≠ differs
                  </span>
                )}
              </th>
              {f.values.map((v, i) => (
                <td
                  // biome-ignore lint/suspicious/noArrayIndexKey: one cell per side, in order
                  key={i}
                  className={`max-w-[260px] px-3 py-1.5 align-top ${f.differs ? 'font-medium' : ''}`}
                >
                  <Value v={v} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
