// "SVG" and "PNG" buttons for a live chart; `find` returns the chart's svg element when clicked,
// `meta` what the file's header says (title, file, sample type, time, refinements, version).

import { useState } from 'react';
import { downloadBlob } from './download';
import { serializeSvg, svgToPng, type LegendEntry } from './svgExport';
import type { ExportMeta } from '../../lib/exportMeta';

export interface ExportButtonsProps {
  find: () => SVGSVGElement | null;
  fileName: string;
  /** What the chart is, for titles and messages ("flame graph"). */
  what: string;
  /** Colour key drawn under the chart in the file (the page shows it in HTML). */
  legend?: () => LegendEntry[];
  /** The header above the chart in the file, built when clicked. */
  meta: () => ExportMeta;
}

export function ExportButtons({ find, fileName, what, legend, meta }: ExportButtonsProps) {
  const [error, setError] = useState<string | null>(null);
  const run = async (kind: 'svg' | 'png') => {
    const svg = find();
    if (!svg) return setError(`No ${what} to export yet.`);
    try {
      setError(null);
      const key = legend?.() ?? [];
      const header = meta();
      if (kind === 'svg') downloadBlob(new Blob([serializeSvg(svg, key, header)], { type: 'image/svg+xml' }), `${fileName}.svg`);
      else downloadBlob(await svgToPng(svg, key, header), `${fileName}.png`);
    } catch (e) {
      setError(`Could not export the ${what}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <span className="export-buttons no-print">
      <button type="button" onClick={() => void run('svg')} title={`Download the ${what} as SVG`}>
        SVG
      </button>
      <button type="button" onClick={() => void run('png')} title={`Download the ${what} as PNG`}>
        PNG
      </button>
      {error && <span className="error-text">{error}</span>}
    </span>
  );
}
