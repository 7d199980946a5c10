'use client';

import { useCompareState } from '@/components/hooks/useCompareState';
import { useShare } from '@/components/hooks/shareContext';
import { buildApiUrl } from '@/components/hooks/useApi';

/**
 * "Offline report" on the compare page: the comparison as one self-contained HTML file (tables,
 * distribution charts, method, the data as JSON; no script or font from anywhere), made by
 * GET /api/compare/report from the page's URL state. Inside a shared view a link cannot send
 * the share header, so it points at the link's own /r/<slug>/report.html. A plain link: the
 * server answers with Content-Disposition: attachment, so the browser saves it.
 */
export function ReportButton({
  shareSlug = null,
  className = '',
}: {
  /** The share link the page is seen through, when the caller knows it (the app header sits
   * outside the shared view's ShareProvider); else the context's. */
  shareSlug?: string | null;
  className?: string;
}) {
  const context = useShare();
  const slug = shareSlug ?? context?.slug ?? null;
  const [state] = useCompareState();
  const contenders = state.contenders.filter((c) => c && c !== state.baseline);
  const ready = Boolean(state.baseline) && contenders.length > 0;
  const href = slug
    ? `/r/${encodeURIComponent(slug)}/report.html`
    : buildApiUrl('/compare/report', {
        baseline: state.baseline,
        contenders: contenders.join(','),
        seed: state.seed === 1 ? null : state.seed,
        chart: state.chart === 'ecdf' ? null : state.chart,
      });
  const look =
    'no-print inline-flex h-8 items-center gap-1.5 rounded-md border border-border bg-surface px-2 text-[13px] font-medium shadow-[0_1px_2px_rgba(16,24,40,0.04)] transition-colors sm:px-2.5';
  const title = 'Download this comparison as one HTML file that opens offline';
  if (!ready && !slug) {
    return (
      <span
        className={`${look} cursor-not-allowed text-faint ${className}`}
        title="Pick a baseline and a contender first"
        aria-disabled="true"
        data-testid="report-button"
      >
        <ReportIcon />
        <span className="sr-only sm:not-sr-only">Offline report</span>
      </span>
    );
  }
  return (
    <a
      href={href}
      download
      rel="nofollow"
      title={title}
      aria-label={`Offline report: ${title.toLowerCase()}`}
      data-testid="report-button"
      className={`${look} text-fg hover:bg-surface-2 ${className}`}
    >
      <ReportIcon />
      {/* Icon only on phones, where the header is narrow. */}
      <span className="sr-only sm:not-sr-only" aria-hidden="true">
        Offline report
      </span>
    </a>
  );
}

function ReportIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5">
      <path
        d="M4 1.75h5.5L12.5 4.8v9.45H4zM9.25 1.9v3.1h3.1M6 9.5l2 2 2-2M8 6.75v4.6"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.3"
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}
