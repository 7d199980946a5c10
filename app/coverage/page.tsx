import type { Metadata } from 'next';
import { Suspense } from 'react';
import { CoveragePage, CoveragePageSkeleton } from '@/components/coverage/CoveragePage';

export const metadata: Metadata = { title: 'Coverage' };

export default function Page() {
  // CoveragePage reads its state from the URL (nuqs → useSearchParams), hence the Suspense boundary.
  return (
    <Suspense fallback={<CoveragePageSkeleton />}>
      <CoveragePage />
    </Suspense>
  );
}
