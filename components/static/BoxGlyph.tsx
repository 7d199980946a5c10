// One Tukey box plot glyph, in px: whiskers, the box of the quartiles, the median bar, the mean
// as a diamond, outliers as open circles, a dot for a single value. Shared by the static box plot
// (components/static/StaticBoxPlot.tsx) and the page's Recharts one (BoxPlotChart.tsx), so the
// image and the page draw the same thing.
import type { BoxStats } from '@/lib/stats/distribution';
import { px } from './parts';

export function BoxGlyph({
  box,
  x,
  mid,
  height,
  color,
  surface,
  label,
}: {
  box: BoxStats;
  /** Value → px. */
  x: (v: number) => number;
  /** Centre line of the glyph, px. */
  mid: number;
  /** Height of the box, px. */
  height: number;
  color: string;
  /** Fill of the mean's diamond (the background the chart sits on). */
  surface: string;
  /** Accessible name, e.g. "redis: median 5.84 s". */
  label?: string;
}) {
  const h = height;
  const x1 = px(x(box.q1));
  const x3 = px(x(box.q3));
  const wl = px(x(box.whiskers.low));
  const wh = px(x(box.whiskers.high));
  const xm = px(x(box.median));
  const single = box.n === 1 || box.q1 === box.q3;
  const d = Math.max(3.5, h / 7);
  return (
    <g aria-label={label}>
      <line x1={wl} x2={x1} y1={px(mid)} y2={px(mid)} stroke={color} strokeWidth={1.25} />
      <line x1={x3} x2={wh} y1={px(mid)} y2={px(mid)} stroke={color} strokeWidth={1.25} />
      <line
        x1={wl}
        x2={wl}
        y1={px(mid - h / 4)}
        y2={px(mid + h / 4)}
        stroke={color}
        strokeWidth={1.25}
      />
      <line
        x1={wh}
        x2={wh}
        y1={px(mid - h / 4)}
        y2={px(mid + h / 4)}
        stroke={color}
        strokeWidth={1.25}
      />
      {!single && (
        <rect
          x={Math.min(x1, x3)}
          y={px(mid - h / 2)}
          width={px(Math.max(1, Math.abs(x3 - x1)))}
          height={px(h)}
          fill={color}
          fillOpacity={0.18}
          stroke={color}
          strokeWidth={1.25}
          rx={2}
        />
      )}
      <line
        x1={xm}
        x2={xm}
        y1={px(mid - h / 2)}
        y2={px(mid + h / 2)}
        stroke={color}
        strokeWidth={2.5}
      />
      {single && <circle cx={xm} cy={px(mid)} r={px(Math.max(4.5, h / 6))} fill={color} />}
      {!single && (
        <path
          d={`M${px(x(box.mean))} ${px(mid - d)}l${px(d)} ${px(d)} ${px(-d)} ${px(d)} ${px(-d)} ${px(-d)}z`}
          fill={surface}
          stroke={color}
          strokeWidth={1.25}
        />
      )}
      {box.outliers.map((o, i) => (
        <circle
          // biome-ignore lint/suspicious/noArrayIndexKey: outliers may repeat a value
          key={i}
          cx={px(x(o))}
          cy={px(mid)}
          r={2.6}
          fill="none"
          stroke={color}
          strokeOpacity={0.8}
        />
      ))}
    </g>
  );
}
