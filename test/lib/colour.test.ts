import { describe, expect, it } from 'vitest';
import { contrast, deltaE, parseColour, simulate, toLab } from '../../src/lib/colour';

describe('colour', () => {
  it('reads the CSS forms the themes use, and names what it cannot read', () => {
    expect(parseColour('#fff')).toEqual([255, 255, 255]);
    expect(parseColour('#0B5CAD')).toEqual([11, 92, 173]);
    expect(parseColour('rgb(224, 224, 224)')).toEqual([224, 224, 224]);
    expect(parseColour('hsl(0, 100%, 50%)')).toEqual([255, 0, 0]);
    expect(parseColour('hsl(210, 12%, 70%)')).toEqual([169, 179, 188]);
    expect(() => parseColour('var(--ink)')).toThrow('"var(--ink)"');
  });

  it('computes WCAG 2 contrast as the specification defines it', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 6);
    expect(contrast([255, 255, 255], [255, 255, 255])).toBe(1);
    // #767676 is the lightest grey at 4.5:1 on white; #777777 falls just short.
    expect(contrast(parseColour('#767676'), [255, 255, 255])).toBeGreaterThanOrEqual(4.5);
    expect(contrast(parseColour('#777777'), [255, 255, 255])).toBeLessThan(4.5);
  });

  it('gives CIE Lab (D65) of sRGB primaries as published', () => {
    const white = toLab([255, 255, 255]);
    expect(white[0]).toBeCloseTo(100, 2);
    expect(Math.abs(white[1])).toBeLessThan(0.01);
    const red = toLab([255, 0, 0]);
    expect(red[0]).toBeCloseTo(53.24, 1);
    expect(red[1]).toBeCloseTo(80.09, 1);
    expect(red[2]).toBeCloseTo(67.2, 1);
    expect(deltaE([0, 0, 0], [255, 255, 255])).toBeCloseTo(100, 2);
  });

  it('simulates dichromacy: red and green collapse for a deuteranope, not blue and yellow', () => {
    const red = parseColour('#d62728');
    const green = parseColour('#2ca02c');
    expect(deltaE(red, green)).toBeGreaterThan(60);
    expect(deltaE(simulate(red, 'deuteranopia'), simulate(green, 'deuteranopia'))).toBeLessThan(deltaE(red, green) / 3);
    const blue = parseColour('#0072b2');
    const yellow = parseColour('#f0e442');
    expect(deltaE(simulate(blue, 'deuteranopia'), simulate(yellow, 'deuteranopia'))).toBeGreaterThan(50);
    // Grey stays grey under every simulation.
    for (const kind of ['protanopia', 'deuteranopia', 'tritanopia'] as const) {
      const g = simulate([128, 128, 128], kind);
      expect(deltaE(g, [128, 128, 128])).toBeLessThan(1.5);
    }
  });
});
