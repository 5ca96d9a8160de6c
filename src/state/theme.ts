// The colour theme: the system's prefers-color-scheme unless the person chose Light or Dark in
// the header, a choice kept in this browser's localStorage. The theme in force is written on the
// root element as data-theme="light" | "dark" (app/theme.css holds both sets of colours), and
// canvases that paint colours themselves redraw when it changes (they subscribe to useTheme).
// Printing always uses the light theme: paper is white.

import { create } from 'zustand';

export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const themePreferences: ReadonlyArray<{ value: ThemePreference; label: string }> = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export const themeKey = 'stackscope.theme';

interface ThemeState {
  preference: ThemePreference;
  /** What the system asks for (prefers-color-scheme), whatever the preference. */
  system: Theme;
  /** The theme in force. */
  theme: Theme;
}

function readPreference(): ThemePreference {
  try {
    const saved = localStorage.getItem(themeKey);
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  } catch {
    return 'system';
  }
}

const resolve = (preference: ThemePreference, system: Theme): Theme => (preference === 'system' ? system : preference);

export const useTheme = create<ThemeState>(() => ({ preference: 'system', system: 'light', theme: 'light' }));

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

let started = false;

/** Reads the kept preference and the system's, writes the theme on the page and follows changes. */
export function startTheme(): void {
  if (started) return;
  started = true;
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  const system: Theme = media?.matches ? 'dark' : 'light';
  const preference = readPreference();
  apply(resolve(preference, system));
  useTheme.setState({ preference, system, theme: resolve(preference, system) });
  media?.addEventListener('change', (e) => {
    const next: Theme = e.matches ? 'dark' : 'light';
    const { preference: p } = useTheme.getState();
    // The page's colours change first: views that read them redraw on the store's change.
    apply(resolve(p, next));
    useTheme.setState({ system: next, theme: resolve(p, next) });
  });
  // Paper is white: print in the light theme, then come back.
  window.addEventListener('beforeprint', () => apply('light'));
  window.addEventListener('afterprint', () => apply(useTheme.getState().theme));
}

/** The header's toggle: System follows prefers-color-scheme; Light and Dark override it and are kept. */
export function setThemePreference(preference: ThemePreference): void {
  try {
    if (preference === 'system') localStorage.removeItem(themeKey);
    else localStorage.setItem(themeKey, preference);
  } catch {
    // storage may be unavailable (private mode): the choice holds for this visit
  }
  const theme = resolve(preference, useTheme.getState().system);
  apply(theme);
  useTheme.setState({ preference, theme });
}
