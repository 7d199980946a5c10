'use client';

import Link from 'next/link';
import { useShare } from '@/components/hooks/shareContext';

/** Inside a shared view: the run or page asked for is not part of what the link shares. */
export function ShareNotCovered() {
  const share = useShare();
  return (
    <div
      className="mx-auto flex max-w-lg flex-col items-center py-20 text-center"
      data-testid="share-not-covered"
    >
      <p className="font-mono text-sm text-accent">404</p>
      <h1 className="mt-2 text-xl font-semibold tracking-tight">Not part of this shared view</h1>
      <p className="mt-2 text-[13px] text-muted">
        This share link covers only the runs it was made for; this page or run is not one of them,
        or no longer exists.
      </p>
      {share && (
        <Link
          href={share.base}
          className="mt-6 rounded-md bg-accent px-3 py-1.5 text-[13px] font-medium text-accent-fg hover:bg-accent-hover"
        >
          Back to the shared runs
        </Link>
      )}
    </div>
  );
}
