'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { AXIS_PROPS, CHART_MARGIN, COLORS, tickNumber } from './chartTheme';
import { ChartLegend, ChartTooltipBox } from './ChartTooltip';

export interface GroupedBarSeries {
  key: string;
  name: string;
  color: string;
  /** One per category; null where the series has no value (drawn as no bar). */
  values: (number | null)[];
}

type Datum = { category: string } & Record<string, number | string | null>;

/**
 * Grouped vertical bars: one group per category (a service, a site), one bar per series (a
 * side of a comparison, in its colour). Values are formatted by the caller (units included).
 */
export function GroupedBarChart({
  categories,
  series,
  formatValue,
  formatTick = tickNumber,
  yLabel,
  ariaLabel,
  height = 260,
  domainMax,
}: {
  categories: string[];
  series: GroupedBarSeries[];
  /** A value as printed in the tooltip, with its unit. */
  formatValue: (v: number) => string;
  formatTick?: (v: number) => string;
  /** The y axis caption, with the unit ("kB", "%"). */
  yLabel: string;
  ariaLabel: string;
  height?: number;
  /** Fixed top of the y axis (e.g. 100 for shares); default: from the data. */
  domainMax?: number;
}) {
  const data: Datum[] = categories.map((category, i) => {
    const d: Datum = { category };
    for (const s of series) d[s.key] = s.values[i] ?? null;
    return d;
  });
  return (
    <figure aria-label={ariaLabel} className="m-0" data-categories={categories.length}>
      <ChartLegend items={series.map((s) => ({ name: s.name, color: s.color }))} />
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={data}
          margin={CHART_MARGIN}
          barCategoryGap={categories.length > 6 ? '16%' : '24%'}
          barGap={2}
        >
          <CartesianGrid stroke={COLORS.grid} vertical={false} />
          <XAxis dataKey="category" {...AXIS_PROPS} interval={0} tickMargin={4} />
          <YAxis
            {...AXIS_PROPS}
            width={60}
            tickFormatter={(v: number) => formatTick(v)}
            domain={[0, domainMax ?? 'auto']}
            label={{
              value: yLabel,
              angle: -90,
              position: 'insideLeft',
              offset: 4,
              style: { textAnchor: 'middle', fill: 'var(--chart-axis)', fontSize: 11 },
            }}
          />
          <Tooltip
            cursor={{ fill: 'var(--surface-3)', opacity: 0.5 }}
            content={(p: TooltipContentProps) => {
              if (!p.active || !p.payload?.length) return null;
              const d = p.payload[0]?.payload as Datum | undefined;
              if (!d) return null;
              return (
                <ChartTooltipBox
                  title={d.category}
                  rows={series.map((s) => {
                    const v = d[s.key];
                    return {
                      color: s.color,
                      name: s.name,
                      value: typeof v === 'number' ? formatValue(v) : 'n/a',
                    };
                  })}
                />
              );
            }}
          />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              fill={s.color}
              fillOpacity={0.85}
              isAnimationActive={false}
              radius={[2, 2, 0, 0]}
              maxBarSize={36}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
