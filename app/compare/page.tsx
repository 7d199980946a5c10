import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ComparePage } from '@/components/compare/ComparePage';
import { ComparePageSkeleton } from '@/components/compare/ComparePageSkeleton';

export const metadata: Metadata = { title: 'Compare' };

export default function Page() {
  // ComparePage reads its state from the URL (nuqs → useSearchParams), hence the Suspense boundary.
  return (
    <Suspense fallback={<ComparePageSkeleton />}>
      <ComparePage />
    </Suspense>
  );
}
