// Tick labels with just enough decimals to tell neighbouring ticks apart on a narrow axis
// (Rally's Dummy scenarios span 0.0100–0.0130 s, where 2 significant digits repeat labels).
import { tickNumber } from './chartTheme';

export function spanTickFormatter(min: number, max: number): (v: number) => string {
  const span = Math.abs(max - min);
  if (!Number.isFinite(span) || span === 0) return tickNumber;
  const magnitude = Math.max(Math.abs(min), Math.abs(max));
  if (span >= 10 || magnitude >= 10_000) return tickNumber;
  // About 5 ticks over the span: one decimal more than the step's magnitude.
  const decimals = Math.min(8, Math.max(0, Math.ceil(-Math.log10(span / 5)) + 1));
  return (v: number) => {
    if (!Number.isFinite(v)) return '';
    return String(Number(v.toFixed(decimals)));
  };
}

/** A round step near span / target: 1, 2, 2.5 or 5 × 10^k. */
function niceStep(span: number, target: number): number {
  const raw = span / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

/** Round axis bounds and their ticks around [min, max] (about `target` intervals). */
export function niceTicks(
  min: number,
  max: number,
  target = 5,
): { domain: [number, number]; ticks: number[] } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { domain: [0, 1], ticks: [0, 1] };
  if (min === max) {
    const d = Math.abs(min) * 0.1 || 1;
    min -= d;
    max += d;
  }
  const step = niceStep(max - min, target);
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { domain: [ticks[0] ?? lo, ticks[ticks.length - 1] ?? hi], ticks };
}
