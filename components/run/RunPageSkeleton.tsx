import { Panel } from '@/components/ui/Panel';
import { ChartSkeleton, Skeleton, TableSkeleton } from '@/components/ui/Skeleton';

export function RunPageSkeleton() {
  return (
    <div className="space-y-5" role="status" aria-label="Loading run">
      <div className="space-y-2">
        <Skeleton className="h-4 w-32" />
        <Skeleton className="h-7 w-[28rem] max-w-full" />
        <Skeleton className="h-4 w-72 max-w-full" />
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        <Panel bodyClassName="p-4">
          <TableSkeleton rows={3} cols={3} />
        </Panel>
        <Panel bodyClassName="p-4">
          <TableSkeleton rows={4} cols={3} />
        </Panel>
      </div>
      <Panel bodyClassName="p-4">
        <div className="grid grid-cols-2 gap-4 sm:grid-cols-4 lg:grid-cols-6">
          {Array.from({ length: 6 }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static decoration
            <div key={i} className="space-y-2">
              <Skeleton className="h-3 w-16" />
              <Skeleton className="h-6 w-20" />
            </div>
          ))}
        </div>
      </Panel>
      <Panel bodyClassName="p-4">
        <ChartSkeleton />
      </Panel>
    </div>
  );
}
