/** A thin determinate progress bar; `value` null draws an indeterminate (moving) bar. */
export function ProgressBar({
  value,
  label,
  tone = 'accent',
  testId,
}: {
  value: number | null;
  label: string;
  tone?: 'accent' | 'good' | 'bad';
  testId?: string;
}) {
  const pct = value == null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  const fill = tone === 'good' ? 'bg-good' : tone === 'bad' ? 'bg-bad' : 'bg-accent';
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct ?? undefined}
      data-testid={testId}
      className="relative h-1.5 w-full overflow-hidden rounded-full bg-surface-3"
    >
      {pct == null ? (
        <div className={`absolute inset-0 animate-pulse rounded-full opacity-40 ${fill}`} />
      ) : (
        <div
          className={`h-full rounded-full transition-[width] duration-300 ease-out ${fill}`}
          style={{ width: `${pct}%` }}
        />
      )}
    </div>
  );
}
