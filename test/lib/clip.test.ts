import { describe, expect, it } from 'vitest';
import { clipNotes, clipText, firstOf, MAX_SHOWN_CHARS, MAX_SHOWN_NOTES } from '../../src/lib/clip';

describe('clip: bounds on text the page lays out', () => {
  it('keeps short text whole and cuts long text with a marker counting what was cut', () => {
    expect(clipText('short')).toBe('short');
    const long = 'x'.repeat(10 * 1024 * 1024);
    expect(clipText(long)).toBe(`${'x'.repeat(MAX_SHOWN_CHARS)}…[${(long.length - MAX_SHOWN_CHARS).toLocaleString('en-US')} more characters cut]`);
  });

  it('does not split a surrogate pair at the cut', () => {
    const s = `${'a'.repeat(9)}${'😀'.repeat(10)}`;
    const cut = clipText(s, 10);
    expect(cut).toBe(`${'a'.repeat(9)}…[20 more characters cut]`);
    expect(clipText(`${'😀'.repeat(10)}`, 4)).toBe('😀😀…[16 more characters cut]');
  });

  it('keeps the first notes and counts the rest in a last note', () => {
    const notes = Array.from({ length: 250 }, (_, i) => `note ${i}`);
    const out = clipNotes(notes);
    expect(out).toHaveLength(MAX_SHOWN_NOTES + 1);
    expect(out[MAX_SHOWN_NOTES - 1]).toBe('note 99');
    expect(out[MAX_SHOWN_NOTES]).toBe('150 more notes left out.');
    expect(firstOf([1, 2, 3], 2)).toEqual({ shown: [1, 2], more: 1 });
    expect(firstOf([1, 2], 2)).toEqual({ shown: [1, 2], more: 0 });
  });
});
