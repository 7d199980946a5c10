import { JsonBlock } from '@/components/ui/JsonBlock';
import { Panel } from '@/components/ui/Panel';
import type { Workload } from '@/lib/apiTypes';

function isEmpty(v: unknown): boolean {
  if (v == null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

/** The workload's input configuration, as Rally received it. */
export function ConfigView({ workload: w }: { workload: Workload }) {
  const blocks: { title: string; subtitle: string; value: unknown }[] = [
    { title: 'Scenario arguments', subtitle: w.scenario, value: w.args },
    { title: 'Runner', subtitle: w.runner.type, value: w.runner },
    { title: 'Contexts', subtitle: 'Set up before the iterations run', value: w.contexts },
    { title: 'SLA configuration', subtitle: 'Criteria checked on the results', value: w.slaConfig },
    {
      title: 'Hooks',
      subtitle: 'Actions triggered during the run (e.g. fault injection)',
      value: w.hooks,
    },
  ];
  return (
    <div className="grid gap-4 xl:grid-cols-2" data-testid="workload-config">
      {blocks.map((b) => (
        <Panel key={b.title} title={b.title} subtitle={b.subtitle}>
          {isEmpty(b.value) ? (
            <p className="text-[13px] text-muted">None.</p>
          ) : (
            <JsonBlock value={b.value} label={b.title} />
          )}
        </Panel>
      ))}
    </div>
  );
}
