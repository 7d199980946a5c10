import { Badge } from '@/components/ui/Badge';
import { Panel } from '@/components/ui/Panel';
import type { SlaResult } from '@/lib/apiTypes';

export function SlaPanel({ sla }: { sla: SlaResult[] }) {
  const failed = sla.filter((s) => !s.success).length;
  return (
    <Panel
      title="Service-level agreement"
      actions={
        sla.length === 0 ? null : failed ? (
          <Badge tone="bad">{failed} failed</Badge>
        ) : (
          <Badge tone="good">all passed</Badge>
        )
      }
      bodyClassName=""
    >
      {sla.length === 0 ? (
        <p className="px-4 py-5 text-[13px] text-muted">
          No SLA criteria were checked for this workload.
        </p>
      ) : (
        <ul className="divide-y divide-border" data-testid="sla-results">
          {sla.map((s) => (
            <li key={s.criterion} className="flex items-start gap-3 px-4 py-2.5">
              <Badge
                tone={s.success ? 'good' : 'bad'}
                className="mt-0.5 min-w-[52px] justify-center"
              >
                {s.success ? '✓ pass' : '✕ fail'}
              </Badge>
              <div className="min-w-0">
                <div className="font-mono text-[12px] font-medium">{s.criterion}</div>
                <div className="text-[13px] break-words text-muted">{s.detail}</div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
