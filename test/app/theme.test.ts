// The themes by numbers: every text/background pair of app/theme.css meets WCAG AA in both
// themes, the histogram's series colours stay apart for each colour-vision deficiency, and the
// flame graphs' frame colours (by package, and of a diff) keep their labels AA.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrast, deficiencies, minPairwiseDeltaE, parseColour, type Rgb } from '../../src/lib/colour';
import { flameLightness, packageColor, type FlameTheme } from '../../src/components/flame/packageColor';
import { diffColor, palettes } from '../../src/components/compare/diffColor';

const css = readFileSync(join(__dirname, '../../src/app/theme.css'), 'utf8');

/** The custom properties of the block whose selector is given, as written. */
function block(selector: string): Map<string, string> {
  const at = css.indexOf(`${selector} {`);
  if (at < 0) throw new Error(`theme.css has no block "${selector} {"`);
  const body = css.slice(css.indexOf('{', at) + 1, css.indexOf('}', at));
  const vars = new Map<string, string>();
  for (const m of body.matchAll(/--([\w-]+):\s*([^;]+);/g)) vars.set(m[1]!, m[2]!.trim());
  return vars;
}

const themes: Record<FlameTheme, Map<string, string>> = {
  light: block(":root, :root[data-theme='light']"),
  dark: block(":root[data-theme='dark']"),
};

function colour(theme: FlameTheme, name: string): Rgb {
  const v = themes[theme].get(name);
  if (v === undefined) throw new Error(`--${name} is not defined in the ${theme} theme`);
  return parseColour(v);
}

const AA = 4.5;
const AA_LARGE = 3;

/** [text, background, minimum]: every place styles.css sets one of these texts on one of these grounds. */
const textPairs: Array<[string, string, number]> = [
  ...['bg', 'panel', 'subtle', 'row-alt', 'head-bg', 'code-bg', 'accent-soft', 'danger-soft', 'findings-bg', 'highlight-soft', 'warn-soft', 'report-note-bg', 'status-bg', 'sev-bg', 'neutral-soft'].map(
    (bg): [string, string, number] => ['ink', bg, AA],
  ),
  ...['bg', 'panel', 'subtle', 'row-alt', 'head-bg', 'accent-soft', 'code-bg', 'danger-soft', 'findings-bg'].map((bg): [string, string, number] => ['muted', bg, AA]),
  ['ink-soft', 'panel', AA],
  ...['bg', 'panel', 'subtle', 'accent-soft'].map((bg): [string, string, number] => ['accent', bg, AA]),
  ...['bg', 'panel', 'accent-soft', 'findings-bg', 'danger-soft'].map((bg): [string, string, number] => ['link', bg, AA]),
  ['on-accent', 'accent-strong', AA],
  ['on-accent', 'accent-hover', AA],
  ['on-danger', 'danger', AA],
  ...['bg', 'panel', 'danger-soft'].map((bg): [string, string, number] => ['danger', bg, AA]),
  ...['bg', 'panel', 'warn-soft', 'highlight-soft'].map((bg): [string, string, number] => ['warn-ink', bg, AA]),
  ...['panel', 'findings-bg', 'highlight-soft'].map((bg): [string, string, number] => ['caution-ink', bg, AA]),
  ['notes-ink', 'panel', AA],
  ['interval-warn-ink', 'panel', AA],
  ['created-ink', 'panel', AA],
  ['sev-critical-ink', 'sev-critical-bg', AA],
  ['sev-high-ink', 'sev-high-bg', AA],
  ['ok-ink', 'ok-bg', AA],
  ['neutral-ink', 'neutral-soft', AA],
  ['grew', 'panel', AA],
  ['shrank', 'panel', AA],
  ['verdict-leak', 'panel', AA],
  ['verdict-leak', 'highlight-soft', AA],
  ['tooltip-ink', 'tooltip-bg', AA],
  ['tooltip-muted', 'tooltip-bg', AA],
  ['ink', 'excerpt-box', AA],
  ['ink', 'excerpt-pinned', AA],
  ['ink', 'excerpt-bar-total', AA],
  ['graph-ink', 'graph-paper', AA],
  ['flame-label', 'flame-highlight', AA],
  // The 30 px report title and 25 px finding titles are large text.
  ['ink', 'panel', AA_LARGE],
];

describe('theme.css', () => {
  it('defines the same names in both themes', () => {
    expect([...themes.dark.keys()].sort()).toEqual([...themes.light.keys()].sort());
    expect(themes.light.size).toBeGreaterThan(60);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`keeps every text pair at WCAG AA in the ${theme} theme`, () => {
      const failures: string[] = [];
      for (const [text, bg, min] of textPairs) {
        const ratio = contrast(colour(theme, text), colour(theme, bg));
        if (ratio < min) failures.push(`--${text} on --${bg}: ${ratio.toFixed(2)}:1 < ${min}:1`);
      }
      expect(failures).toEqual([]);
    });
  }

  it('tells the themes apart: dark text on light grounds, light text on dark ones', () => {
    expect(contrast(colour('light', 'bg'), [255, 255, 255])).toBeLessThan(1.1);
    expect(contrast(colour('dark', 'bg'), [0, 0, 0])).toBeLessThan(1.2);
  });
});

/** Lowest deltaE (CIE76) the histogram's series must keep between any two of its colours. */
const SERIES_MIN_DELTA_E = 12;

describe('histogram series colours', () => {
  for (const theme of ['light', 'dark'] as const) {
    const names = [...Array(8).keys()].map((i) => `series-${i}`).concat('series-other');
    const colours = names.map((n) => colour(theme, n));
    it(`stay at least deltaE ${SERIES_MIN_DELTA_E} apart in the ${theme} theme, with normal vision and each dichromacy`, () => {
      for (const kind of [undefined, ...deficiencies]) {
        const { deltaE, pair } = minPairwiseDeltaE(colours, kind);
        expect(deltaE, `${kind ?? 'normal vision'}: --${names[pair[0]]} and --${names[pair[1]]}`).toBeGreaterThan(SERIES_MIN_DELTA_E);
      }
    });

    it(`are all different from the ${theme} panel behind the bars`, () => {
      const panel = colour(theme, 'panel');
      for (const c of colours) expect(minPairwiseDeltaE([c, panel]).deltaE).toBeGreaterThan(SERIES_MIN_DELTA_E);
    });
  }

  it('the tableau colours used before would fail: two of them look alike to a deuteranope', () => {
    const tableau = ['#4e79a7', '#f28e2c', '#e15759', '#76b7b2', '#59a14f', '#edc949', '#af7aa1', '#ff9da7', '#bdbdbd'].map(parseColour);
    expect(minPairwiseDeltaE(tableau, 'deuteranopia').deltaE).toBeLessThan(SERIES_MIN_DELTA_E);
  });
});

describe('flame graph colours', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`keep labels AA on every package colour in the ${theme} theme`, () => {
      const label = colour(theme, 'flame-label');
      const { user, runtime } = flameLightness[theme];
      let worst = Infinity;
      let worstColour = '';
      const check = (css: string) => {
        const r = contrast(label, parseColour(css));
        if (r < worst) {
          worst = r;
          worstColour = css;
        }
      };
      for (let hue = 8; hue < 56; hue++)
        for (let sat = 70; sat < 95; sat++) for (let l = user[0]; l < user[0] + user[1]; l++) check(`hsl(${hue}, ${sat}%, ${l}%)`);
      for (let l = runtime[0]; l < runtime[0] + runtime[1]; l++) check(`hsl(210, 12%, ${l}%)`);
      check(packageColor('12 small frames', theme));
      expect(worst, `worst: ${worstColour}`).toBeGreaterThanOrEqual(AA);
    });

    it(`keep a package's hue and saturation across themes (${theme})`, () => {
      const name = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP';
      const [light, dark] = [packageColor(name, 'light'), packageColor(name, 'dark')];
      const hs = (c: string) => c.replace(/,\s*[\d.]+%\)$/, '');
      expect(hs(dark)).toBe(hs(light));
      expect(dark).not.toBe(light);
    });

    it(`keep diff labels AA at every strength, and grew apart from shrank for each dichromacy (${theme})`, () => {
      const label = colour(theme, 'flame-label');
      for (const palette of Object.keys(palettes) as Array<keyof typeof palettes>) {
        for (let target = 0; target <= 100; target++) {
          for (const c of [diffColor(palette, 100, target, theme), diffColor(palette, target, 100, theme)]) {
            expect(contrast(label, parseColour(c)), `${palette} ${c}`).toBeGreaterThanOrEqual(AA);
          }
        }
        const grew = parseColour(diffColor(palette, 0, 100, theme));
        const shrank = parseColour(diffColor(palette, 100, 0, theme));
        for (const kind of deficiencies) expect(minPairwiseDeltaE([grew, shrank], kind).deltaE, `${palette} ${kind}`).toBeGreaterThan(SERIES_MIN_DELTA_E);
      }
    });
  }
});
