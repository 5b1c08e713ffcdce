import { composite, contrastRatio, effectiveBackground, parseColour, relativeLuminance } from './contrast.js';

const WHITE = { r: 255, g: 255, b: 255, a: 1 };
const BLACK = { r: 0, g: 0, b: 0, a: 1 };

describe('contrast', () => {
  it('reads the colours getComputedStyle reports, and nothing else', () => {
    expect(parseColour('rgb(11, 83, 148)')).toEqual({ r: 11, g: 83, b: 148, a: 1 });
    expect(parseColour('rgba(0, 0, 0, 0)')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    expect(parseColour('rgb(10 20 30 / 50%)')).toEqual({ r: 10, g: 20, b: 30, a: 0.5 });
    expect(parseColour('oklch(0.5 0.1 200)')).toBeUndefined();
    expect(parseColour('#ffffff')).toBeUndefined();
  });

  it('gives 21:1 for black on white and 1:1 for a colour on itself, whichever way round', () => {
    expect(contrastRatio(BLACK, WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio(WHITE, BLACK)).toBeCloseTo(21, 5);
    expect(contrastRatio(WHITE, WHITE)).toBe(1);
    expect(relativeLuminance(WHITE)).toBeCloseTo(1, 5);
  });

  it('puts #767676 on white just over AA and #777777 just under', () => {
    expect(contrastRatio(parseColour('rgb(118, 118, 118)')!, WHITE)).toBeCloseTo(4.54, 2);
    expect(contrastRatio(parseColour('rgb(119, 119, 119)')!, WHITE)).toBeLessThan(4.5);
  });

  it('matches the palette notes of the console stylesheet', () => {
    expect(contrastRatio(parseColour('rgb(11, 83, 148)')!, WHITE)).toBeCloseTo(7.84, 1);
    expect(contrastRatio(parseColour('rgb(77, 85, 97)')!, WHITE)).toBeCloseTo(7.5, 1);
  });

  it('blends translucent text and backgrounds before comparing', () => {
    const halfBlack = { r: 0, g: 0, b: 0, a: 0.5 };
    expect(composite(halfBlack, WHITE)).toEqual({ r: 127.5, g: 127.5, b: 127.5, a: 1 });
    expect(contrastRatio(halfBlack, WHITE)).toBeLessThan(4.5);
    expect(
      effectiveBackground([
        { r: 0, g: 0, b: 0, a: 0 },
        { r: 0, g: 0, b: 0, a: 0 },
      ]),
    ).toEqual(WHITE);
    expect(effectiveBackground([{ r: 0, g: 0, b: 0, a: 0 }, BLACK, WHITE])).toEqual(BLACK);
    expect(effectiveBackground([halfBlack, WHITE])).toEqual({ r: 127.5, g: 127.5, b: 127.5, a: 1 });
  });
});
