/** The edgeperf mark: rising bars with an edge node on top. */
export function LogoMark({ className = 'h-7 w-7' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="var(--accent)" />
      <path
        d="M7 23V17M12.5 23V11M18 23V14M23.5 23V8"
        stroke="var(--accent-fg)"
        strokeWidth="3"
        strokeLinecap="round"
      />
      <circle cx="23.5" cy="8" r="2.6" fill="var(--chart-2)" />
    </svg>
  );
}
