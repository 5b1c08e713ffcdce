/**
 * WCAG 2 contrast, computed from the colours a browser reports (getComputedStyle gives
 * `rgb(r, g, b)` or `rgba(r, g, b, a)`): the suite's check that text stays readable.
 */

export interface Rgba {
  r: number;
  g: number;
  b: number;
  /** 0 (transparent) to 1 (opaque). */
  a: number;
}

/** The level AA asks of body text. */
export const AA_CONTRAST = 4.5;

/** Parses a computed colour; undefined for any other notation, so that nothing passes unchecked. */
export function parseColour(value: string): Rgba | undefined {
  const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%?))?\s*\)$/.exec(
    value.trim(),
  );
  if (!match) return undefined;
  const alpha = match[4] === undefined ? 1 : Number(match[4]) / (match[5] === '%' ? 100 : 1);
  return { r: Number(match[1]), g: Number(match[2]), b: Number(match[3]), a: alpha };
}

/** `top` painted over an opaque `bottom`: what the eye sees. */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const mix = (upper: number, lower: number): number => upper * top.a + lower * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

/** WCAG 2's relative luminance of an opaque sRGB colour. */
export function relativeLuminance({ r, g, b }: Rgba): number {
  const linear = (channel: number): number => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The contrast ratio of text over an opaque background, from 1 to 21; translucent text is blended first. */
export function contrastRatio(text: Rgba, background: Rgba): number {
  const seen = text.a < 1 ? composite(text, background) : text;
  const [lighter, darker] = [relativeLuminance(seen), relativeLuminance(background)].sort((x, y) => y - x);
  return (lighter + 0.05) / (darker + 0.05);
}

/**
 * The opaque background behind an element, from its own background colour and its ancestors'
 * (innermost first), over white where every one is transparent — the page's default canvas.
 */
export function effectiveBackground(layers: readonly Rgba[]): Rgba {
  let seen: Rgba = { r: 255, g: 255, b: 255, a: 1 };
  for (const layer of [...layers].reverse()) seen = layer.a >= 1 ? layer : composite(layer, seen);
  return seen;
}
