// pprof's measurement package (github.com/google/pprof/internal/measurement): unit scaling and
// the labels `go tool pprof` prints. Ported line by line so that every figure matches.

import { formatFixed, formatG, padLeft } from './goformat';

interface Unit {
  canonicalName: string;
  aliases: string[];
  factor: number;
}

interface UnitType {
  defaultUnit: Unit;
  units: Unit[];
}

const unitTypes: UnitType[] = [
  {
    units: [
      { canonicalName: 'B', aliases: ['b', 'byte'], factor: 1 },
      { canonicalName: 'kB', aliases: ['kb', 'kbyte', 'kilobyte'], factor: 2 ** 10 },
      { canonicalName: 'MB', aliases: ['mb', 'mbyte', 'megabyte'], factor: 2 ** 20 },
      { canonicalName: 'GB', aliases: ['gb', 'gbyte', 'gigabyte'], factor: 2 ** 30 },
      { canonicalName: 'TB', aliases: ['tb', 'tbyte', 'terabyte'], factor: 2 ** 40 },
      { canonicalName: 'PB', aliases: ['pb', 'pbyte', 'petabyte'], factor: 2 ** 50 },
    ],
    defaultUnit: { canonicalName: 'B', aliases: ['b', 'byte'], factor: 1 },
  },
  {
    units: [
      { canonicalName: 'ns', aliases: ['ns', 'nanosecond'], factor: 1 },
      { canonicalName: 'us', aliases: ['μs', 'us', 'microsecond'], factor: 1e3 },
      { canonicalName: 'ms', aliases: ['ms', 'millisecond'], factor: 1e6 },
      { canonicalName: 's', aliases: ['s', 'sec', 'second'], factor: 1e9 },
      { canonicalName: 'hrs', aliases: ['hour', 'hr'], factor: 3600e9 },
    ],
    defaultUnit: { canonicalName: 's', aliases: [], factor: 1e9 },
  },
  {
    units: [
      { canonicalName: 'n*GCU', aliases: ['nanogcu'], factor: 1e-9 },
      { canonicalName: 'u*GCU', aliases: ['microgcu'], factor: 1e-6 },
      { canonicalName: 'm*GCU', aliases: ['milligcu'], factor: 1e-3 },
      { canonicalName: 'GCU', aliases: ['gcu'], factor: 1 },
      { canonicalName: 'k*GCU', aliases: ['kilogcu'], factor: 1e3 },
      { canonicalName: 'M*GCU', aliases: ['megagcu'], factor: 1e6 },
      { canonicalName: 'G*GCU', aliases: ['gigagcu'], factor: 1e9 },
      { canonicalName: 'T*GCU', aliases: ['teragcu'], factor: 1e12 },
      { canonicalName: 'P*GCU', aliases: ['petagcu'], factor: 1e15 },
    ],
    defaultUnit: { canonicalName: 'GCU', aliases: [], factor: 1 },
  },
];

const utf8 = new TextEncoder();

function findByAlias(ut: UnitType, alias: string): Unit | null {
  for (const u of ut.units) if (u.aliases.includes(alias)) return u;
  return null;
}

function sniffUnit(ut: UnitType, unit: string): Unit | null {
  let u = unit.toLowerCase();
  // Go measures the length in bytes: "μs" is three bytes long and loses its "s".
  if (utf8.encode(u).length > 2 && u.endsWith('s')) u = u.slice(0, -1);
  return findByAlias(ut, u);
}

function autoScale(ut: UnitType, value: number): [number, string] | null {
  let f = 0;
  let unit = '';
  for (const u of ut.units) {
    if (u.factor >= f && value / u.factor >= 1.0) {
      f = u.factor;
      unit = u.canonicalName;
    }
  }
  return f === 0 ? null : [value / f, unit];
}

function convertUnit(ut: UnitType, value: number, from: string, to: string): [number, string] | null {
  const fromUnit = sniffUnit(ut, from);
  if (!fromUnit) return null;
  const v = value * fromUnit.factor;
  if (to === 'minimum' || to === 'auto') {
    return autoScale(ut, v) ?? [v / ut.defaultUnit.factor, ut.defaultUnit.canonicalName];
  }
  const toUnit = sniffUnit(ut, to);
  if (!toUnit) return [v / ut.defaultUnit.factor, ut.defaultUnit.canonicalName];
  return [v / toUnit.factor, toUnit.canonicalName];
}

/** measurement.Scale: value in fromUnit expressed in toUnit ("minimum"/"auto" pick one). */
export function scale(value: number, fromUnit: string, toUnit: string): [number, string] {
  if (value < 0) {
    const [v, u] = scale(-value, fromUnit, toUnit);
    return [-v, u];
  }
  for (const ut of unitTypes) {
    const r = convertUnit(ut, value, fromUnit, toUnit);
    if (r) return r;
  }
  switch (toUnit) {
    case 'count':
    case 'sample':
    case 'unit':
    case 'minimum':
    case 'auto':
      return [value, ''];
    default:
      return [value, toUnit];
  }
}

/** measurement.ScaledLabel: "1.50MB", "20ms", "0". */
export function scaledLabel(value: number, fromUnit: string, toUnit: string): string {
  const [v, u] = scale(value, fromUnit, toUnit);
  let sv = formatFixed(v, 2);
  if (sv.endsWith('.00')) sv = sv.slice(0, -3);
  if (sv === '0' || sv === '-0') return '0';
  return sv + u;
}

/** measurement.Label: a value with its unit, scaled automatically. */
export function label(value: number, unit: string): string {
  return scaledLabel(value, unit, 'auto');
}

/** measurement.Percentage: a 6-character column like "  100%", "47.36%", "  0.1%". */
export function percentage(value: number, total: number): string {
  const ratio = total !== 0 ? Math.abs(value / total) * 100 : 0;
  if (ratio >= 99.95 && ratio <= 100.05) return '  100%';
  if (ratio >= 1.0) return `${padLeft(formatFixed(ratio, 2), 5)}%`;
  return `${padLeft(formatG(ratio, 2), 5)}%`;
}

/** True when the unit is one pprof knows how to scale (bytes, time, GCU). */
export function isKnownUnit(unit: string): boolean {
  return unitTypes.some((ut) => sniffUnit(ut, unit) !== null);
}
