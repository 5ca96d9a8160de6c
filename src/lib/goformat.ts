// Go's fmt number formatting, digit for digit. JavaScript's toFixed/toPrecision round an exact
// tie (0.125 -> "0.13") away from zero; Go rounds it to even ("0.12"). pprof prints with Go's
// fmt, so a value of exactly 1.125 MB must print as "1.12MB", as `go tool pprof` does.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** x as mantissa * 2^exponent, exactly. x must be finite and non-zero. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  f64[0] = x;
  const lo = u32[0]!;
  const hi = u32[1]!;
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) {
    exponent = -1074;
  } else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  return { mantissa, exponent };
}

/**
 * When |x| * 10^digits lies exactly halfway between two integers, the lower one (as a bigint);
 * otherwise null. Exact: works on the binary value, not on a rounded product.
 */
function exactTieFloor(x: number, digits: number): bigint | null {
  if (x === 0 || !Number.isFinite(x)) return null;
  const { mantissa, exponent } = decompose(Math.abs(x));
  if (exponent >= 0) return null; // an integer times 10^digits is never a tie
  let num = mantissa;
  if (digits >= 0) num *= 10n ** BigInt(digits);
  else return null;
  const den = 1n << BigInt(-exponent);
  // Tie: num/den = q + 1/2  <=>  2*num = (2q+1)*den
  const twice = num * 2n;
  if (twice % den !== 0n) return null;
  const odd = twice / den;
  if (odd % 2n === 0n) return null;
  return (odd - 1n) / 2n;
}

function digitsToFixed(q: bigint, digits: number): string {
  let s = q.toString();
  if (digits === 0) return s;
  if (s.length <= digits) s = '0'.repeat(digits - s.length + 1) + s;
  return `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
}

/** Go's strconv.FormatFloat(x, 'f', digits, 64), as used by fmt's %.Nf. */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
  const tie = exactTieFloor(x, digits);
  let body: string;
  if (tie !== null) {
    const q = tie % 2n === 0n ? tie : tie + 1n;
    body = digitsToFixed(q, digits);
  } else {
    body = Math.abs(x).toFixed(digits);
  }
  const negative = x < 0 || Object.is(x, -0);
  return negative ? `-${body}` : body;
}

/** Go's strconv.FormatFloat(x, 'g', precision, 64), as used by fmt's %.Ng. */
export function formatG(x: number, precision: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
  const p = precision === 0 ? 1 : precision;
  const negative = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  if (ax === 0) return negative ? '-0' : '0';
  // Decimal digits and exponent of ax rounded to p significant digits, ties to even.
  const [mantissa, expStr] = ax.toExponential(p - 1).split('e') as [string, string];
  let mant = mantissa;
  let exp = Number(expStr);
  const tie = exactTieFloor(ax, p - 1 - exp);
  if (tie !== null) {
    const q = tie % 2n === 0n ? tie : tie + 1n;
    const s = q.toString();
    // q has p digits, or p+1 when rounding carried (99.5 -> 100).
    exp += s.length - p;
    mant = s.length > 1 ? `${s[0]}.${s.slice(1, p)}` : s;
  }
  const digits = mant.replace('.', '').replace(/0+$/, '') || '0';
  let out: string;
  if (exp < -4 || exp >= p) {
    const frac = digits.slice(1);
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    out = `${digits[0]}${frac ? `.${frac}` : ''}e${exp < 0 ? '-' : '+'}${e}`;
  } else if (exp < 0) {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  } else if (digits.length <= exp + 1) {
    out = digits + '0'.repeat(exp + 1 - digits.length);
  } else {
    out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return negative ? `-${out}` : out;
}

/** fmt's %Ns: right-aligned in a field of width N. */
export function padLeft(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}

const groupedCount = new Intl.NumberFormat('en-US');

/**
 * A count with thousands separators ("18,000"). One formatter for all: Number.toLocaleString
 * builds a new one per call, about 20 us each, which added up to 40 ms of a goroutine view's
 * first render.
 */
export function formatCount(n: number): string {
  return groupedCount.format(n);
}
