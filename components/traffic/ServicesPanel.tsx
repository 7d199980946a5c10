'use client';

import { BarList } from '@/components/charts/BarList';
import { useServicesMetric } from '@/components/hooks/useTrafficState';
import { Panel } from '@/components/ui/Panel';
import { Segmented } from '@/components/ui/Segmented';
import { formatBytes, formatCount } from '@/lib/format';
import { type ServiceMetric, sortServices, sum } from '@/lib/traffic';
import type { CaptureService } from '@/ingest/pcap';
import { Nothing } from './parts';

const METRICS: { value: ServiceMetric; label: string }[] = [
  { value: 'bytes', label: 'Bytes' },
  { value: 'frames', label: 'Frames' },
  { value: 'messages', label: 'Messages' },
];

/** Per-service totals, a bar list sorted by the chosen metric. */
export function ServicesPanel({
  services,
  colors,
}: {
  services: CaptureService[];
  colors: Map<string, string>;
}) {
  const [{ sm: metric }, setState] = useServicesMetric();
  const sorted = sortServices(services, metric);
  const fmt = (s: CaptureService, m: ServiceMetric) =>
    m === 'bytes' ? formatBytes(s[m]) : formatCount(s[m]);
  const total = sum(services.map((s) => s[metric]));
  const fmtTotal =
    metric === 'bytes' ? `${formatBytes(total)} in all` : `${formatCount(total)} in all`;
  return (
    <Panel
      title="Services"
      subtitle="By server port · messages: AMQP content messages, MySQL and Redis commands"
      actions={
        <Segmented
          label="Service metric"
          size="xs"
          value={metric}
          onChange={(v) => void setState({ sm: v })}
          options={METRICS}
        />
      }
    >
      {sorted.length === 0 ? (
        <Nothing>No TCP or UDP traffic in this capture.</Nothing>
      ) : (
        <div data-testid="traffic-services">
          <BarList
            ariaLabel={`Services by ${metric}`}
            labelHeader="Service · port"
            valueHeader={METRICS.find((m) => m.value === metric)?.label}
            items={sorted.map((s) => ({
              key: `${s.proto}/${s.port}/${s.service}`,
              label: (
                <>
                  {s.service}
                  <span className="ml-1.5 text-muted">
                    {s.proto}/{s.port}
                  </span>
                </>
              ),
              value: s[metric],
              color: colors.get(s.service),
              display: fmt(s, metric),
              detail: METRICS.filter((m) => m.value !== metric)
                .map((m) =>
                  `${fmt(s, m.value)} ${m.value === 'bytes' ? '' : m.label.toLowerCase()}`.trim(),
                )
                .join(' · '),
              title: `${s.service} (${s.proto}/${s.port}): ${formatCount(s.frames)} frames, ${formatCount(s.bytes)} bytes, ${formatCount(s.messages)} messages, ${formatCount(s.conversations)} conversations`,
            }))}
          />
          {total > 0 && (
            <div className="mt-5">
              <div className="mb-1 flex justify-between text-[11px] font-medium text-muted">
                <span>Share of {metric}</span>
                <span className="tabular-nums">{fmtTotal}</span>
              </div>
              <div
                className="flex h-2.5 overflow-hidden rounded-full bg-surface-2"
                aria-hidden="true"
              >
                {sorted.map((s) => (
                  <span
                    key={`${s.proto}/${s.port}/${s.service}`}
                    className="h-full border-r border-surface last:border-r-0"
                    style={{
                      width: `${(s[metric] / total) * 100}%`,
                      background: colors.get(s.service) ?? 'var(--chart-8)',
                    }}
                  />
                ))}
              </div>
              <table className="mt-3 w-full border-collapse text-[12px]">
                <thead>
                  <tr className="border-b border-border text-[11px] text-muted">
                    <th scope="col" className="py-1 pr-2 text-left font-medium">
                      Service
                    </th>
                    <th scope="col" className="px-2 py-1 text-right font-medium">
                      Share
                    </th>
                    <th scope="col" className="px-2 py-1 text-right font-medium">
                      Conversations
                    </th>
                    <th
                      scope="col"
                      className="py-1 pl-2 text-right font-medium"
                      title="Bytes per frame"
                    >
                      Avg frame
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {sorted.map((s) => (
                    <tr
                      key={`${s.proto}/${s.port}/${s.service}`}
                      className="border-b border-border last:border-b-0"
                    >
                      <th scope="row" className="py-1 pr-2 text-left font-mono font-normal">
                        <span
                          aria-hidden="true"
                          className="mr-1.5 inline-block h-2 w-2 rounded-sm"
                          style={{ background: colors.get(s.service) ?? 'var(--chart-8)' }}
                        />
                        {s.service}
                      </th>
                      <td className="px-2 py-1 text-right tabular-nums">
                        {((s[metric] / total) * 100).toFixed(1)}%
                      </td>
                      <td className="px-2 py-1 text-right tabular-nums">
                        {formatCount(s.conversations)}
                      </td>
                      <td className="py-1 pl-2 text-right tabular-nums">
                        {s.frames > 0 ? `${formatCount(s.bytes / s.frames)} B` : 'n/a'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </Panel>
  );
}
