import { describe, expect, test } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDate,
  formatDateTime,
  formatDuration,
  formatFactorValue,
  formatNumber,
  formatPercent,
  formatSeconds,
  formatSecondsAuto,
  roundHalfEven,
  shortHash,
} from './format';

describe('formatSeconds', () => {
  test('3 decimals like Rally, on the fixture numbers (nova.boot_server)', () => {
    expect(formatSeconds(4.298377990722656)).toBe('4.298');
    expect(formatSeconds(5.841155052185059)).toBe('5.841');
    expect(formatSeconds(7.247067499160766)).toBe('7.247');
    expect(formatSeconds(7.5766064643859865)).toBe('7.577');
    expect(formatSeconds(9.240713119506836)).toBe('9.241');
    expect(formatSeconds(5.779869697790231)).toBe('5.780');
  });
  test('null and non-finite are n/a', () => {
    expect(formatSeconds(null)).toBe('n/a');
    expect(formatSeconds(undefined)).toBe('n/a');
    expect(formatSeconds(Number.NaN)).toBe('n/a');
  });
  test('exact ties round half to even like Python round()', () => {
    // Python: round(0.0625, 3) == 0.062, round(0.0635, 3) == 0.064 (0.0635 is above the tie)
    expect(roundHalfEven(0.0625, 3)).toBe(0.062);
    expect(roundHalfEven(0.0635, 3)).toBe(0.064);
    expect(roundHalfEven(0.0675, 2)).toBe(0.07);
    expect(roundHalfEven(2.5, 0)).toBe(2);
    expect(roundHalfEven(3.5, 0)).toBe(4);
    expect(roundHalfEven(-0.0625, 3)).toBe(-0.062);
    expect(formatSeconds(0.0625)).toBe('0.062');
    expect(formatSeconds(1.0005)).toBe('1.000'); // 1.0005 is stored just below the tie
  });
  test('other digit counts', () => {
    expect(formatSeconds(1.23456, 1)).toBe('1.2');
    expect(formatSeconds(0)).toBe('0.000');
  });
});

describe('formatSecondsAuto', () => {
  test('3 decimals from 0.1 s, 3 significant digits below', () => {
    expect(formatSecondsAuto(7.412)).toBe('7.412');
    expect(formatSecondsAuto(0.25)).toBe('0.250');
    expect(formatSecondsAuto(0.0123456)).toBe('0.0123');
    expect(formatSecondsAuto(0.000123456)).toBe('0.000123');
    expect(formatSecondsAuto(0)).toBe('0');
    expect(formatSecondsAuto(null)).toBe('n/a');
  });
});

describe('formatPercent / formatCount / formatNumber', () => {
  test('percent with one decimal', () => {
    expect(formatPercent(100)).toBe('100.0%');
    expect(formatPercent(88.33333)).toBe('88.3%');
    expect(formatPercent(null)).toBe('n/a');
  });
  test('counts with separators', () => {
    expect(formatCount(1000000)).toBe('1,000,000');
    expect(formatCount(113)).toBe('113');
    expect(formatCount(null)).toBe('n/a');
  });
  test('numbers drop trailing zeros', () => {
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(10)).toBe('10');
    expect(formatNumber(1234.5678, 2)).toBe('1,234.57');
  });
});

describe('formatDuration', () => {
  test('sub-second in ms', () => {
    expect(formatDuration(0.042)).toBe('42 ms');
    expect(formatDuration(0.0042)).toBe('4.2 ms');
    expect(formatDuration(0)).toBe('0 ms');
  });
  test('seconds', () => {
    expect(formatDuration(1.5)).toBe('1.5 s');
    expect(formatDuration(8.789)).toBe('8.79 s');
    expect(formatDuration(12.345)).toBe('12.3 s');
  });
  test('minutes, hours, days', () => {
    expect(formatDuration(60)).toBe('1 min');
    expect(formatDuration(322)).toBe('5 min 22 s');
    expect(formatDuration(254.53140997886658)).toBe('4 min 15 s');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(5000)).toBe('1 h 23 min');
    expect(formatDuration(7170)).toBe('2 h'); // 1 h 59.5 min rounds up to 2 h, not "1 h 60 min"
    expect(formatDuration(200000)).toBe('2 d 8 h');
  });
  test('negative and null', () => {
    expect(formatDuration(-2)).toBe('−2 s');
    expect(formatDuration(null)).toBe('n/a');
  });
});

describe('formatBytes', () => {
  test('SI units like tshark', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1234)).toBe('1.23 kB');
    expect(formatBytes(1_500_000)).toBe('1.5 MB');
    expect(formatBytes(2_000_000_000)).toBe('2 GB');
    expect(formatBytes(null)).toBe('n/a');
  });
});

describe('dates', () => {
  test('ISO strings and epoch seconds, in UTC', () => {
    expect(formatDateTime('2026-11-24T15:00:00Z')).toBe('2026-11-24 15:00 UTC');
    expect(formatDateTime(1490267341.581134, { millis: true })).toBe('2017-03-23 11:09:01.581 UTC');
    expect(formatDateTime(1490267341, { seconds: true, zone: false })).toBe('2017-03-23 11:09:01');
    expect(formatDate('2026-11-24T15:00:00Z')).toBe('2026-11-24');
  });
  test('bad input is n/a', () => {
    expect(formatDateTime('not a date')).toBe('n/a');
    expect(formatDateTime(null)).toBe('n/a');
    expect(formatDate(undefined)).toBe('n/a');
  });
});

describe('shortHash / formatFactorValue', () => {
  test('short hash', () => {
    expect(shortHash('9f2c1d0a44b5e7c1aa3de0f3')).toBe('9f2c1d0a44b5');
    expect(shortHash('')).toBe('n/a');
  });
  test('factor values', () => {
    expect(formatFactorValue(null)).toBeNull();
    expect(formatFactorValue('redis')).toBe('redis');
    expect(formatFactorValue(10)).toBe('10');
    expect(formatFactorValue(true)).toBe('yes');
    expect(formatFactorValue({ keystone: 'site1', database: 'per-site' })).toBe(
      'keystone: site1, database: per-site',
    );
    expect(formatFactorValue(['a', null])).toBe('a, unknown');
  });
});
