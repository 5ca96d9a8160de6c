// Report nodes: what one row of a top table (or one box of a call graph) stands for at a given
// granularity, exactly as pprof's graph.NodeInfo after profile.Aggregate. A location with
// inlined calls yields one node per line, innermost first.

import { baseName, cleanPath } from '../lib/gopath';
import type { Profile } from '../model/profile';

export type Granularity = 'functions' | 'filefunctions' | 'files' | 'lines' | 'addresses';
export const granularities: Granularity[] = ['functions', 'filefunctions', 'files', 'lines', 'addresses'];

export interface NodeTable {
  length: number;
  /** pprof's PrintableName: "pkg.F", "pkg.F file.go:12", "[binary]", "<unknown>". */
  name: string[];
  /** The function name part (empty when the node names no function). */
  funcName: string[];
  file: string[];
  line: Int32Array;
  /** fmt.Sprint(NodeInfo), pprof's last tie-breaker when sorting. */
  infoString: string[];
}

export interface NodeMap {
  nodes: NodeTable;
  /** Nodes of location l are locNodes[locNodeStart[l] .. locNodeStart[l+1]), innermost first. */
  locNodeStart: Uint32Array;
  locNodes: Int32Array;
  /** 1 when the node appears inlined into a caller in some location (not its outermost line). */
  inlinedSomewhere: Uint8Array;
}

/** pprof's report.trimPath with no trim path configured. */
function trimPath(path: string): string {
  for (const prefix of ['/proc/self/cwd/./', '/proc/self/cwd/']) {
    if (path.startsWith(prefix)) return path.slice(prefix.length);
  }
  return path;
}

function hex16(a: bigint): string {
  return a.toString(16).padStart(16, '0');
}

export function mapNodes(p: Profile, granularity: Granularity): NodeMap {
  const withFunction = granularity !== 'files';
  const withFile = granularity !== 'functions';
  const withLine = granularity === 'lines' || granularity === 'addresses';
  const withAddress = granularity === 'addresses';

  const { locations, lines, functions, strings, mappings } = p;
  const index = new Map<string, number>();
  const name: string[] = [];
  const funcName: string[] = [];
  const file: string[] = [];
  const line: number[] = [];
  const infoString: string[] = [];

  const cleanedFile = new Map<number, string>();
  const fileOf = (s: number): string => {
    let f = cleanedFile.get(s);
    if (f === undefined) {
      const raw = trimPath(strings[s]!);
      f = raw === '' ? '' : cleanPath(raw);
      cleanedFile.set(s, f);
    }
    return f;
  };

  const nodeFor = (
    address: bigint,
    fnName: string,
    fnFile: string,
    startLine: number,
    lineno: number,
    objfile: string,
  ): number => {
    const key = `${fnName}\u0000${address}\u0000${fnFile}\u0000${startLine}\u0000${lineno}\u0000${objfile}`;
    let id = index.get(key);
    if (id !== undefined) return id;
    id = name.length;
    index.set(key, id);
    const parts: string[] = [];
    if (address !== 0n) parts.push(hex16(address));
    if (fnName !== '') parts.push(fnName);
    if (lineno !== 0) parts.push(`${fnFile}:${lineno}`);
    else if (fnFile !== '') parts.push(fnFile);
    else if (fnName !== '') {
      // the name alone
    } else if (objfile !== '') parts.push(`[${baseName(objfile)}]`);
    else parts.push('<unknown>');
    name.push(parts.join(' '));
    funcName.push(fnName);
    file.push(fnFile);
    line.push(lineno);
    infoString.push(`{${fnName}  ${address} ${fnFile} ${startLine} ${lineno} ${objfile}}`);
    return id;
  };

  const locNodeStart = new Uint32Array(locations.length + 1);
  const locNodes: number[] = [];
  const inlined: number[] = [];
  for (let l = 0; l < locations.length; l++) {
    const m = locations.mapping[l]!;
    const objfile = m >= 0 ? mappings[m]!.file : '';
    const address = withAddress ? locations.address[l]! : 0n;
    const begin = locations.lineStart[l]!;
    const end = locations.lineStart[l + 1]!;
    if (begin === end) {
      locNodes.push(nodeFor(address, '', '', 0, 0, objfile));
    } else {
      for (let i = begin; i < end; i++) {
        const f = lines.func[i]!;
        let n: number;
        if (f < 0) {
          n = nodeFor(address, '', '', 0, 0, objfile);
        } else {
          const fnName = withFunction ? strings[functions.name[f]!]! : '';
          const fnFile = withFile ? fileOf(functions.filename[f]!) : '';
          const lineno = withLine ? lines.line[i]! : 0;
          // pprof keys nameless nodes by binary and start line too (graph.nodeInfo).
          const nameless = fnName === '';
          n = nodeFor(address, fnName, fnFile, nameless ? functions.startLine[f]! : 0, lineno, nameless ? objfile : '');
        }
        locNodes.push(n);
        if (i < end - 1) inlined.push(n);
      }
    }
    locNodeStart[l + 1] = locNodes.length;
  }

  const inlinedSomewhere = new Uint8Array(name.length);
  for (const n of inlined) inlinedSomewhere[n] = 1;

  return {
    nodes: { length: name.length, name, funcName, file, line: Int32Array.from(line), infoString },
    locNodeStart,
    locNodes: Int32Array.from(locNodes),
    inlinedSomewhere,
  };
}
