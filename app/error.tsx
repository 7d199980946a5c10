'use client';

import Link from 'next/link';
import { ErrorState } from '@/components/ui/States';

export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="mx-auto max-w-xl">
      <ErrorState error={error} title="Something went wrong on this page" onRetry={reset} />
      <p className="text-center text-[13px] text-muted">
        <Link href="/" className="text-accent hover:underline">
          Back to the runs
        </Link>
        {error.digest && (
          <span className="ml-2 font-mono text-[11px] text-faint">ref {error.digest}</span>
        )}
      </p>
    </div>
  );
}
