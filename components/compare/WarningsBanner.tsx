/** What the reader must know before trusting a verdict: confounded factors, unknowns, gaps. */
export function WarningsBanner({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div
      role="note"
      data-testid="compare-warnings"
      className="flex gap-3 rounded-lg border border-warn/30 bg-warn-soft px-4 py-3 text-[13px] text-fg"
    >
      <svg viewBox="0 0 20 20" className="mt-0.5 h-4 w-4 shrink-0 text-warn" aria-hidden="true">
        <path
          d="M10 3 2.5 16.5h15L10 3Z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinejoin="round"
        />
        <path
          d="M10 8.5v3.5M10 14.3v.2"
          stroke="currentColor"
          strokeWidth="1.7"
          strokeLinecap="round"
        />
      </svg>
      <ul className="space-y-1">
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </div>
  );
}
