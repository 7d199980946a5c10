// The distribution of one row of a comparison, one colour per side (the baseline first): the
// ECDF or the box plots the compare page shows, as static SVG. Used by the share image of a
// compare view and by the offline report; the page's DistributionPanel picks its sides and its
// fallbacks with the same helpers.
import { formatChange, formatValue, sideDisplayLabel } from '@/components/compare/compareFormat';
import type { CompareRow, CompareRowSide, CompareSide, Comparison } from '@/lib/compareTypes';
import type { BoxStats } from '@/lib/stats/distribution';
import type { LegendItem } from './parts';
import { StaticBoxPlot } from './StaticBoxPlot';
import { StaticEcdf } from './StaticEcdf';
import { LIGHT_THEME, type StaticTheme, themeSeries } from './theme';

export type DistributionKind = 'ecdf' | 'box';

export interface PresentSide<S> {
  side: S;
  /** Index among the comparison's sides (the baseline is 0): picks the colour. */
  index: number;
  stats: CompareRowSide;
}

/** The sides that have values in `row`, with their index. */
export function presentSides<S>(row: CompareRow, sides: S[]): PresentSide<S>[] {
  return sides
    .map((side, index) => ({ side, index, stats: row.sides[index] ?? null }))
    .filter((x): x is PresentSide<S> => x.stats !== null && x.stats.n > 0);
}

/** One value per side (a summary table): only a box plot (of dots) makes sense. */
export function singleValues(present: PresentSide<unknown>[]): boolean {
  return present.length > 0 && present.every((x) => x.stats.n === 1);
}

/** The box of a side; a side without one (a single value) is a degenerate box at its median. */
export function sideBox(s: CompareRowSide): BoxStats {
  return (
    s.box ?? {
      n: s.n,
      min: s.min ?? 0,
      q1: s.median ?? 0,
      median: s.median ?? 0,
      q3: s.median ?? 0,
      max: s.max ?? 0,
      mean: s.mean ?? 0,
      whiskers: { low: s.min ?? 0, high: s.max ?? 0 },
      outliers: [],
      outlierCount: 0,
    }
  );
}

/**
 * Sides named as the compare page names them: a group by the factors that set it apart
 * ("redis · 4 sites"), a run by its name.
 */
export function displaySides(data: Comparison): CompareSide[] {
  const differing = data.factors.filter((f) => f.differs && f.inFingerprint).map((f) => f.key);
  return [data.baseline, ...data.contenders].map((s) => ({
    ...s,
    label: sideDisplayLabel(s, differing),
  }));
}

/** The row the page plots first: `total`, else the first row. */
export function defaultRowName(rows: CompareRow[]): string | null {
  return (rows.find((r) => r.name === 'total') ?? rows[0])?.name ?? null;
}

export function CompareDistribution({
  row,
  sides,
  kind,
  width,
  height,
  theme = LIGHT_THEME,
  fontSize = 12,
  withChanges = false,
  standalone,
  className,
}: {
  row: CompareRow;
  /** Every side of the comparison, baseline first (labels as shown). */
  sides: { label: string }[];
  kind: DistributionKind;
  width: number;
  height: number;
  theme?: StaticTheme;
  fontSize?: number;
  /** Legend entries carry each contender's change of the median and verdict. */
  withChanges?: boolean;
  standalone?: boolean;
  className?: string;
}) {
  const present = presentSides(row, sides);
  const singles = singleValues(present);
  const legend: LegendItem[] = present.map(({ side, index, stats }) => {
    const cmp = index > 0 ? row.comparisons[index - 1] : null;
    const parts = [side.label, `n = ${stats.n}`];
    if (withChanges && index === 0) parts.push('baseline');
    if (withChanges && cmp) parts.push(`median ${formatChange(cmp.change)}, ${cmp.verdict}`);
    return {
      name: parts.join(' · '),
      color: themeSeries(theme, index),
      shape: kind === 'ecdf' && !singles ? 'line' : 'square',
    };
  });
  if (kind === 'box' || singles) {
    return (
      <StaticBoxPlot
        width={width}
        height={height}
        label={row.name}
        unit={row.unit}
        legend={legend}
        theme={theme}
        fontSize={fontSize}
        standalone={standalone}
        className={className}
        format={(v) => formatValue(v, row.unit)}
        rows={present.map(({ side, index, stats }) => ({
          name: side.label,
          color: themeSeries(theme, index),
          box: sideBox(stats),
        }))}
      />
    );
  }
  return (
    <StaticEcdf
      width={width}
      height={height}
      label={row.name}
      unit={row.unit}
      legend={legend}
      theme={theme}
      fontSize={fontSize}
      standalone={standalone}
      className={className}
      series={present.map(({ side, index, stats }) => ({
        name: side.label,
        color: themeSeries(theme, index),
        points: stats.ecdf,
      }))}
    />
  );
}
