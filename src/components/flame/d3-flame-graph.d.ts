// Types for the parts of d3-flame-graph 5 that stackscope uses (the package ships none).
declare module 'd3-flame-graph' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Node = any;
  export interface FlameGraph {
    (selection: unknown): void;
    width(w: number): FlameGraph;
    height(h: number): FlameGraph;
    cellHeight(h: number): FlameGraph;
    minFrameSize(px: number): FlameGraph;
    transitionDuration(ms: number): FlameGraph;
    resetHeightOnZoom(v: boolean): FlameGraph;
    inverted(v: boolean): FlameGraph;
    sort(v: boolean | ((a: Node, b: Node) => number)): FlameGraph;
    selfValue(v: boolean): FlameGraph;
    computeDelta(v: boolean): FlameGraph;
    tooltip(t: unknown): FlameGraph;
    getName(f: (d: Node) => string): FlameGraph;
    setColorMapper(f: (d: Node, original: string) => string): FlameGraph;
    setSearchMatch(f: (d: Node, term: string, ignoreCase?: boolean) => boolean): FlameGraph;
    setSearchHandler(f: (results: Node[], sum: number, total: number) => void): FlameGraph;
    setDetailsHandler(f: (text: string | null) => void): FlameGraph;
    onClick(f: (d: Node) => void): FlameGraph;
    onHover(f: (d: Node) => void): FlameGraph;
    search(term: string): void;
    clear(): void;
    resetZoom(): void;
    update(data?: unknown): void;
    destroy(): void;
  }
  export default function flamegraph(): FlameGraph;
  /** Built-in colour mappers; differentialColorMapper reads data.delta (red grew, blue shrank). */
  export const colorMapper: {
    differentialColorMapper: (d: Node, originalColor: string) => string;
    allocationColorMapper: (d: Node, originalColor: string) => string;
  };
}
