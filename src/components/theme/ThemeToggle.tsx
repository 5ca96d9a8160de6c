// The header's theme toggle: System (follows prefers-color-scheme), Light, Dark. The choice is
// kept in this browser (state/theme.ts); System says which theme the system asks for.

import { setThemePreference, themePreferences, useTheme } from '../../state/theme';

export function ThemeToggle() {
  const preference = useTheme((s) => s.preference);
  const system = useTheme((s) => s.system);
  return (
    <div className="segmented theme-toggle" role="group" aria-label="Colour theme" data-testid="theme-toggle">
      {themePreferences.map((p) => (
        <button
          key={p.value}
          type="button"
          aria-pressed={preference === p.value}
          title={p.value === 'system' ? `Follow the system's setting (now ${system})` : `${p.label} theme, kept in this browser`}
          onClick={() => setThemePreference(p.value)}
        >
          {p.label}
        </button>
      ))}
    </div>
  );
}
