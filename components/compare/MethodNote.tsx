'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Panel } from '@/components/ui/Panel';
import { formatCount } from '@/lib/format';
import type { Comparison } from '@/lib/compareTypes';

/** How the verdicts were reached, with the seed that makes the intervals reproducible. */
export function MethodNote({
  method,
  onSeed,
}: {
  method: Comparison['method'];
  onSeed: (seed: number) => void;
}) {
  const [seed, setSeed] = useState(String(method.seed));
  useEffect(() => setSeed(String(method.seed)), [method.seed]);
  const apply = () => {
    const n = Number(seed);
    if (Number.isInteger(n) && n >= 0 && n !== method.seed) onSeed(n);
  };
  return (
    <Panel title="Method" id="method">
      <div className="space-y-3 text-[13px] leading-relaxed text-muted">
        <p className="text-fg">
          {method.description.replace(/\s*See docs\/statistics\.md\.?$/, '')}
        </p>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-4">
          <div>
            <dt className="text-[11px] uppercase tracking-wide text-faint">Significance</dt>
            <dd className="font-mono text-fg">α = {method.alpha}</dd>
          </div>
          <div>
            <dt className="text-[11px] uppercase tracking-wide text-faint">Interval</dt>
            <dd className="font-mono text-fg">
              {Math.round(method.confidence * 100)} % percentile bootstrap
            </dd>
          </div>
          <div>
            <dt className="text-[11px] uppercase tracking-wide text-faint">Resamples</dt>
            <dd className="font-mono text-fg">{formatCount(method.resamples)}</dd>
          </div>
          <div>
            <dt className="text-[11px] uppercase tracking-wide text-faint">Seed</dt>
            <dd className="flex items-center gap-1.5">
              <input
                type="number"
                min={0}
                step={1}
                value={seed}
                aria-label="Bootstrap seed"
                onChange={(e) => setSeed(e.target.value)}
                onBlur={apply}
                onKeyDown={(e) => e.key === 'Enter' && apply()}
                className="no-print h-7 w-20 rounded-md border border-border bg-surface px-2 font-mono text-[12px] text-fg focus:border-accent focus:outline-none"
              />
              <span className="hidden font-mono text-fg print:inline">{method.seed}</span>
            </dd>
          </div>
        </dl>
        <p className="text-[12px]">
          Verdicts: <b className="font-medium text-good">better</b> /{' '}
          <b className="font-medium text-bad">worse</b> only when the Mann-Whitney p &lt; α{' '}
          <i>and</i> the interval excludes 0, pointing the same way; lower durations are better. Not
          testable: fewer than 2 values on a side (e.g. one number from a summary CSV). No
          correction for multiple comparisons: read isolated verdicts among many rows with care. An
          asterisk marks an underpowered test (too few values to ever reach α).{' '}
          <Link href="/compare/method" className="font-medium text-accent hover:underline">
            Full method and its reference checks →
          </Link>
        </p>
      </div>
    </Panel>
  );
}
