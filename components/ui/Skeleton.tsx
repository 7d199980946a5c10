export function Skeleton({ className = 'h-4 w-full' }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded bg-surface-3 ${className}`} />;
}

/** A placeholder for a chart: axis-like frame with pulsing bars. */
export function ChartSkeleton({ height = 260 }: { height?: number }) {
  return (
    <div
      role="status"
      aria-label="Loading chart"
      className="flex items-end gap-1.5 border-b border-l border-border px-2 pb-0"
      style={{ height }}
    >
      {[40, 65, 50, 80, 70, 90, 60, 75, 55, 85, 45, 70, 62, 78, 52].map((h, i) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: static decoration
          key={i}
          className="flex-1 animate-pulse rounded-t bg-surface-3"
          style={{ height: `${h}%`, animationDelay: `${i * 60}ms` }}
        />
      ))}
    </div>
  );
}

export function TableSkeleton({ rows = 6, cols = 6 }: { rows?: number; cols?: number }) {
  return (
    <div role="status" aria-label="Loading" className="space-y-2">
      {Array.from({ length: rows }, (_, r) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static decoration
        <div key={r} className="flex gap-3">
          {Array.from({ length: cols }, (_, c) => (
            <Skeleton
              // biome-ignore lint/suspicious/noArrayIndexKey: static decoration
              key={c}
              className={`h-5 ${c === 0 ? 'w-1/4' : 'flex-1'}`}
            />
          ))}
        </div>
      ))}
    </div>
  );
}
