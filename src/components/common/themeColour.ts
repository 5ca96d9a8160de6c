// A colour of the theme in force, as app/theme.css defines it on the root element, for what paints
// colours itself (canvas, attributes, exported files) rather than through the stylesheet.

export function themeColour(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
