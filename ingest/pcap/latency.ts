// Latency samples with bounded memory: exact up to EXACT_CAP samples, then a log histogram
// (1 % wide bins from 1 µs to ~10^5 s). Memory never grows with the file size.
import type { LatencySummary } from './types';

const EXACT_CAP = 10_000;
const MIN = 1e-6;
const RATIO = Math.log(1.01);
const BINS = Math.ceil(Math.log(1e11) / RATIO) + 2;

export class Latency {
  count = 0;
  sum = 0;
  max = 0;
  private samples: number[] = [];
  private hist: Uint32Array | null = null;

  add(seconds: number): void {
    const x = Math.max(0, seconds);
    this.count++;
    this.sum += x;
    if (x > this.max) this.max = x;
    if (this.hist === null) {
      this.samples.push(x);
      if (this.samples.length > EXACT_CAP) {
        this.hist = new Uint32Array(BINS);
        for (const s of this.samples) this.bin(s);
        this.samples = [];
      }
    } else {
      this.bin(x);
    }
  }

  private bin(x: number): void {
    const h = this.hist as Uint32Array;
    const i = x <= MIN ? 0 : Math.min(BINS - 1, 1 + Math.floor(Math.log(x / MIN) / RATIO));
    h[i] = (h[i] ?? 0) + 1;
  }

  /** Rally's percentile rule (sorted, k = (n-1)p, linear between neighbours) when exact. */
  quantile(p: number): number | null {
    if (this.count === 0) return null;
    if (this.hist === null) {
      const s = [...this.samples].sort((a, b) => a - b);
      const k = (s.length - 1) * p;
      const f = Math.floor(k);
      const c = Math.ceil(k);
      const lo = s[f] ?? 0;
      const hi = s[c] ?? lo;
      return f === c ? lo : lo + (hi - lo) * (k - f);
    }
    const target = (this.count - 1) * p;
    let seen = 0;
    for (let i = 0; i < this.hist.length; i++) {
      seen += this.hist[i] ?? 0;
      if (seen > target) {
        if (i === 0) return MIN;
        // Geometric middle of the bin, never above the true maximum.
        return Math.min(this.max, MIN * Math.exp((i - 0.5) * RATIO));
      }
    }
    return this.max;
  }

  summary(): LatencySummary {
    return {
      count: this.count,
      median: this.quantile(0.5),
      p95: this.quantile(0.95),
      max: this.count ? this.max : null,
      mean: this.count ? this.sum / this.count : null,
    };
  }
}
