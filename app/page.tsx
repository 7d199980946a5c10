import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RunsPage } from '@/components/runs/RunsPage';
import { RunsPageSkeleton } from '@/components/runs/RunsPageSkeleton';

export const metadata: Metadata = { title: 'Runs' };

export default function Page() {
  // RunsPage reads its state from the URL (nuqs → useSearchParams), hence the Suspense boundary.
  return (
    <Suspense fallback={<RunsPageSkeleton />}>
      <RunsPage />
    </Suspense>
  );
}
