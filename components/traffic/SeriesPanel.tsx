'use client';

import { useMemo } from 'react';
import { ServiceSeriesChart } from '@/components/charts/ServiceSeriesChart';
import { useSeriesState } from '@/components/hooks/useTrafficState';
import { Panel } from '@/components/ui/Panel';
import { Segmented } from '@/components/ui/Segmented';
import { EmptyState } from '@/components/ui/States';
import { formatDateTime } from '@/lib/format';
import {
  byteUnit,
  countUnit,
  formatByteRate,
  formatCountRate,
  type SeriesMetric,
  serviceSeries,
} from '@/lib/traffic';
import type { CaptureSeries } from '@/ingest/pcap';

const METRICS: { value: Exclude<SeriesMetric, 'queries'>; label: string; noun: string }[] = [
  { value: 'bytes', label: 'Bytes', noun: 'bytes' },
  { value: 'messages', label: 'Messages', noun: 'messages' },
  { value: 'frames', label: 'Frames', noun: 'frames' },
];

/** Bytes, messages or frames per second per service, from the capture's 1-second buckets. */
export function SeriesPanel({
  series,
  colors,
  firstTime,
}: {
  series: CaptureSeries;
  colors: Map<string, string>;
  firstTime: number | null;
}) {
  const [{ ts: metric, tmode: mode }, setState] = useSeriesState();
  const data = useMemo(() => serviceSeries(series, metric), [series, metric]);
  const info = METRICS.find((m) => m.value === metric)!;
  const top = mode === 'stacked' ? data.maxStacked : data.maxValue;
  const unit = metric === 'bytes' ? byteUnit(top) : countUnit(top);
  const yLabel =
    metric === 'bytes' ? `${unit.unit}/s` : `${unit.unit ? `${unit.unit} ` : ''}${info.noun}/s`;
  const start = series.start ?? (firstTime == null ? null : Math.floor(firstTime));
  return (
    <Panel
      title="Traffic over time"
      subtitle={
        <>
          {info.label} per second per service
          {data.binSeconds > 1
            ? `, mean over ${data.binSeconds}-second bins`
            : ', 1-second buckets'}
          {start != null && <> · t = 0 at {formatDateTime(start, { seconds: true })}</>}
        </>
      }
      actions={
        <>
          <Segmented
            label="Series metric"
            size="xs"
            value={metric}
            onChange={(v) => void setState({ ts: v })}
            options={METRICS}
          />
          <Segmented
            label="Chart mode"
            size="xs"
            value={mode}
            onChange={(v) => void setState({ tmode: v })}
            options={[
              { value: 'stacked', label: 'Stacked' },
              { value: 'lines', label: 'Lines' },
            ]}
          />
        </>
      }
    >
      {data.points.length === 0 || data.services.length === 0 ? (
        <div style={{ minHeight: 260 }} className="flex items-center justify-center">
          <EmptyState compact title={`No ${info.noun} over time in this capture`}>
            {metric === 'messages'
              ? 'Messages are AMQP content messages and MySQL and Redis commands.'
              : null}
          </EmptyState>
        </div>
      ) : (
        <ServiceSeriesChart
          ariaLabel={`${info.label} per second per service`}
          points={data.points}
          services={data.services}
          colors={colors}
          binSeconds={data.binSeconds}
          mode={mode}
          unit={unit}
          yLabel={yLabel}
          formatValue={(v) =>
            metric === 'bytes' ? formatByteRate(v) : formatCountRate(v, info.noun)
          }
        />
      )}
    </Panel>
  );
}
