import { ComparePageSkeleton } from '@/components/compare/ComparePageSkeleton';

export default function Loading() {
  return <ComparePageSkeleton />;
}
