import { describe, expect, test } from 'vitest';
import { loadProfile } from './loadProfile';

describe('loadProfile', () => {
  test('hand-computed: two iterations, scale 2', () => {
    // load 1 s → chart length 1·(1 + 2/2) = 2 s, step 1 s, axis [0, 1, 2].
    // A runs 0–0.5: half of step 1 → 0.5. B runs 0.5–1.5: half of step 1, half of step 2.
    const points = loadProfile(
      [
        { timestamp: 100, duration: 0.5 },
        { timestamp: 100.5, duration: 1.0 },
      ],
      { loadDuration: 1, scale: 2 },
    );
    expect(points).toEqual([
      { t: 0, running: 0 },
      { t: 1, running: 1 },
      { t: 2, running: 0.5 },
    ]);
  });

  test('equals Rally 3.3 LoadProfileChart on the same iterations', () => {
    // Reference from /usr/lib/python3/dist-packages/rally/task/processing/charts.py:
    // LoadProfileChart({"load_duration": 3.5, "data": data}, scale=10), add_iteration each.
    const data = [
      { timestamp: 100.0, duration: 0.5 },
      { timestamp: 100.5, duration: 1.0 },
      { timestamp: 101.0, duration: 2.25 },
      { timestamp: 101.2, duration: 0.3 },
      { timestamp: 102.0, duration: 1.5 },
    ];
    const rally = [
      [0.0, 0],
      [0.42000000000000004, 1.0],
      [0.8400000000000001, 1.0],
      [1.2600000000000002, 1.761904761904756],
      [1.6800000000000002, 2.1428571428571486],
      [2.1, 1.2380952380952384],
      [2.5200000000000005, 2],
      [2.9400000000000004, 2],
      [3.3600000000000003, 1.7380952380952372],
      [3.7800000000000002, 0.33333333333333254],
      [4.2, 0],
    ] as const;
    const points = loadProfile(data, { loadDuration: 3.5, scale: 10 });
    expect(points).toHaveLength(rally.length);
    points.forEach((p, i) => {
      expect(p.t).toBeCloseTo(rally[i]![0], 12);
      expect(p.running).toBeCloseTo(rally[i]![1], 12);
    });
  });

  test('the area equals the total busy time', () => {
    const its = Array.from({ length: 50 }, (_, i) => ({
      timestamp: i * 0.7,
      duration: 1 + (i % 5),
    }));
    const end = Math.max(...its.map((x) => x.timestamp + x.duration));
    const points = loadProfile(its, { loadDuration: end, scale: 100 });
    const step = points[1]!.t - points[0]!.t;
    const area = points.reduce((a, p) => a + p.running * step, 0);
    expect(area).toBeCloseTo(
      its.reduce((a, x) => a + x.duration, 0),
      6,
    );
  });

  test('without a load duration it spans the iterations; unsorted input is fine', () => {
    const points = loadProfile(
      [
        { timestamp: 10.5, duration: 0.5 },
        { timestamp: 10, duration: 0.5 },
      ],
      { scale: 2 },
    );
    // span 10–11 → 1 s, step 1, axis [0, 1, 2]; both halves fall in the step ending at 1 s
    expect(points.map((p) => p.t)).toEqual([0, 1, 2]);
    expect(points.map((p) => p.running)).toEqual([0, 1, 0]);
  });

  test('an iteration running past the end is clamped into the last step', () => {
    const points = loadProfile([{ timestamp: 0, duration: 5 }], { loadDuration: 1, scale: 2 });
    expect(points).toHaveLength(3);
    expect(points.every((p) => Number.isFinite(p.running))).toBe(true);
  });

  test('no iterations, no points', () => {
    expect(loadProfile([])).toEqual([]);
  });
});
