import type { ReactNode } from 'react';
import { ApiError } from '@/components/hooks/useApi';

export function EmptyState({
  title,
  children,
  icon,
  compact = false,
}: {
  title: ReactNode;
  children?: ReactNode;
  icon?: ReactNode;
  compact?: boolean;
}) {
  return (
    <div
      className={`flex flex-col items-center justify-center text-center ${compact ? 'gap-1 py-8' : 'gap-2 py-16'}`}
    >
      {icon ?? (
        <svg viewBox="0 0 24 24" className="mb-1 h-8 w-8 text-faint" fill="none" aria-hidden="true">
          <path
            d="M4 19h16M7 16V9m5 7V5m5 11v-4"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
          />
        </svg>
      )}
      <p className="text-sm font-medium text-fg">{title}</p>
      {children && <div className="max-w-md text-[13px] text-muted">{children}</div>}
    </div>
  );
}

export function ErrorState({
  error,
  title = 'Could not load this',
  onRetry,
  compact = false,
}: {
  error: unknown;
  title?: ReactNode;
  onRetry?: () => void;
  compact?: boolean;
}) {
  const message = error instanceof Error ? error.message : String(error ?? 'Unknown error');
  const code =
    error instanceof ApiError
      ? `${error.code}${error.status ? ` · HTTP ${error.status}` : ''}`
      : null;
  return (
    <div
      role="alert"
      className={`flex flex-col items-center justify-center gap-2 text-center ${compact ? 'py-8' : 'py-16'}`}
    >
      <svg viewBox="0 0 24 24" className="h-8 w-8 text-bad" fill="none" aria-hidden="true">
        <circle cx="12" cy="12" r="9" stroke="currentColor" strokeWidth="1.6" />
        <path
          d="M12 7.5v5.5M12 16.2v.3"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
        />
      </svg>
      <p className="text-sm font-medium text-fg">{title}</p>
      <p className="max-w-lg text-[13px] text-muted">{message}</p>
      {code && <p className="font-mono text-[11px] text-faint">{code}</p>}
      {onRetry && (
        <button
          type="button"
          onClick={onRetry}
          className="no-print mt-1 rounded-md border border-border-strong bg-surface px-3 py-1.5 text-[13px] font-medium hover:bg-surface-2"
        >
          Try again
        </button>
      )}
    </div>
  );
}
