import type { CompareVerdict } from '@/lib/compareTypes';

type Verdict = CompareVerdict['verdict'];

const STYLES: Record<Verdict, string> = {
  better: 'bg-good-soft text-good border-transparent',
  worse: 'bg-bad-soft text-bad border-transparent',
  'no significant change': 'bg-surface-2 text-fg border-border',
  'not testable': 'bg-transparent text-faint border-dashed border-border-strong',
};

const SHORT: Record<Verdict, string> = {
  better: 'better',
  worse: 'worse',
  'no significant change': 'no sig. change',
  'not testable': 'not testable',
};

/** Direction icon: colour is never the only cue (colour-blind readers, print). */
function VerdictIcon({ verdict, change }: { verdict: Verdict; change: number | null }) {
  const common = {
    viewBox: '0 0 12 12',
    className: 'h-3 w-3 shrink-0',
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 1.6,
    strokeLinecap: 'round' as const,
    strokeLinejoin: 'round' as const,
    'aria-hidden': true,
  };
  if (verdict === 'better' || verdict === 'worse') {
    const up = (change ?? 0) > 0;
    return (
      <svg {...common}>
        {up ? <path d="M6 10V2M2.5 5.5 6 2l3.5 3.5" /> : <path d="M6 2v8M2.5 6.5 6 10l3.5-3.5" />}
      </svg>
    );
  }
  if (verdict === 'no significant change') {
    return (
      <svg {...common}>
        <path d="M2 4.5c1.3-1 2.7-1 4 0s2.7 1 4 0M2 8c1.3-1 2.7-1 4 0s2.7 1 4 0" />
      </svg>
    );
  }
  return (
    <svg {...common}>
      <circle cx="6" cy="6" r="4" />
      <path d="M3.2 8.8 8.8 3.2" />
    </svg>
  );
}

/** The verdict of one contender on one row: icon + word + colour, the reason as its tooltip. */
export function VerdictBadge({ v, short = false }: { v: CompareVerdict; short?: boolean }) {
  const tip = [
    v.reason,
    `Tested on ${v.basis}.`,
    v.underpowered ? 'Underpowered: add repetitions, this p-value could not reach α.' : '',
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <span
      title={tip}
      data-verdict={v.verdict}
      className={`inline-flex cursor-help items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-[11px] font-medium leading-4 ${STYLES[v.verdict]}`}
    >
      <VerdictIcon verdict={v.verdict} change={v.change} />
      {short ? SHORT[v.verdict] : v.verdict}
      {v.underpowered && (
        <>
          <span className="ml-0.5 text-warn" aria-hidden="true">
            *
          </span>
          <span className="sr-only">underpowered</span>
        </>
      )}
    </span>
  );
}

export const VERDICT_ORDER: Verdict[] = [
  'worse',
  'better',
  'no significant change',
  'not testable',
];

/** Counts of verdicts, e.g. for a workload's summary line. */
export function verdictCounts(verdicts: (CompareVerdict | null)[]): Record<Verdict, number> {
  const out: Record<Verdict, number> = {
    better: 0,
    worse: 0,
    'no significant change': 0,
    'not testable': 0,
  };
  for (const v of verdicts) if (v) out[v.verdict]++;
  return out;
}
