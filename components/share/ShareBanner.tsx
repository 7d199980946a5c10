/** The strip on top of every shared view: what the reader is looking at, and that it is frozen. */
export function ShareBanner() {
  return (
    <div
      role="note"
      data-testid="share-banner"
      className="flex flex-wrap items-center gap-x-2 gap-y-0.5 rounded-lg border border-accent/25 bg-accent-soft px-3 py-2 text-[13px]"
    >
      <svg viewBox="0 0 16 16" aria-hidden="true" className="h-4 w-4 shrink-0 text-accent">
        <path
          d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8Z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.3"
          strokeLinejoin="round"
        />
        <circle cx="8" cy="8" r="2" fill="none" stroke="currentColor" strokeWidth="1.3" />
      </svg>
      <span className="font-semibold text-accent">Shared view · read-only</span>
      <span className="text-muted">
        A saved view of edgeperf; it shows only the runs it was shared with.
      </span>
    </div>
  );
}
