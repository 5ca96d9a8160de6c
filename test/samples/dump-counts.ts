// Counts read straight from the raw text of goroutine dumps and `go tool pprof -top` output, so
// the samples test compares files with each other rather than with constants.

export interface Debug2Counts {
  goroutines: number;
  /** Goroutines with a frame of the function, by function name. */
  withFrame: (func: string) => number;
  /** Wait minutes of the goroutines with a frame of func; undefined where the header has none. */
  minutesWithFrame: (func: string) => (number | undefined)[];
  /** Header lines that show wait minutes. */
  headersWithMinutes: number;
}

interface Goroutine {
  minutes: number | undefined;
  frames: Set<string>;
}

const headerRE = /^goroutine \d+ \[([^\]]*)\]:$/;

/** Splits a debug=2 dump into goroutines: the header's wait minutes and its frame functions. */
export function countDebug2(text: string): Debug2Counts {
  const goroutines: Goroutine[] = [];
  let current: Goroutine | undefined;
  let headersWithMinutes = 0;
  for (const line of text.split('\n')) {
    const header = headerRE.exec(line);
    if (header) {
      const minutes = header[1]!.split(', ').map((part) => /^(\d+) minutes$/.exec(part)).find((m) => m);
      if (minutes) headersWithMinutes++;
      current = { minutes: minutes ? Number(minutes[1]) : undefined, frames: new Set() };
      goroutines.push(current);
    } else if (current && line !== '' && !line.startsWith('\t') && !line.startsWith('created by ')) {
      // A frame line: FUNC(ARGS) or FUNC(...) for an inlined call.
      current.frames.add(line.slice(0, line.lastIndexOf('(')));
    }
  }
  const holding = (func: string) => goroutines.filter((g) => g.frames.has(func));
  return {
    goroutines: goroutines.length,
    withFrame: (func) => holding(func).length,
    minutesWithFrame: (func) => holding(func).map((g) => g.minutes),
    headersWithMinutes,
  };
}

export interface Debug1Counts {
  total: number;
  recordSum: number;
  withFrame: (func: string) => number;
}

/** Reads `goroutine profile: total N` and the `COUNT @ ...` records with their `#` frame lines. */
export function countDebug1(text: string): Debug1Counts {
  const lines = text.split('\n');
  const total = /^goroutine profile: total (\d+)$/.exec(lines[0] ?? '');
  if (!total) throw new Error('debug=1 dump without "goroutine profile: total N" header');
  const records: { count: number; frames: Set<string> }[] = [];
  for (const line of lines.slice(1)) {
    const record = /^(\d+) @( 0x[0-9a-f]+)+$/.exec(line);
    if (record) {
      records.push({ count: Number(record[1]), frames: new Set() });
      continue;
    }
    const frame = /^#\t0x[0-9a-f]+\t(\S+)\+0x[0-9a-f]+\t/.exec(line);
    if (frame && records.length > 0) records[records.length - 1]!.frames.add(frame[1]!);
  }
  return {
    total: Number(total[1]),
    recordSum: records.reduce((sum, r) => sum + r.count, 0),
    withFrame: (func) => records.filter((r) => r.frames.has(func)).reduce((sum, r) => sum + r.count, 0),
  };
}

export interface TopTable {
  type: string;
  /** The TOTAL of "Showing nodes accounting for X, P% of TOTAL total", as printed. */
  total: string;
  /** The cum column of the row for func, as printed; undefined if there is no such row. */
  cum: (func: string) => string | undefined;
}

/** Reads the header and rows of `go tool pprof -top` output. */
export function readTop(text: string): TopTable {
  const type = /^Type: (.+)$/m.exec(text);
  const total = /^Showing nodes accounting for .*, [-\d.]+% of (\S+) total$/m.exec(text);
  if (!type || !total) throw new Error('not go tool pprof -top output');
  const cum = new Map<string, string>();
  for (const line of text.split('\n')) {
    const row = /^\s*\S+\s+\S+%\s+\S+%\s+(\S+)\s+\S+%\s+(.+)$/.exec(line);
    if (row) cum.set(row[2]!, row[1]!);
  }
  return { type: type[1]!, total: total[1]!, cum: (func) => cum.get(func) };
}
