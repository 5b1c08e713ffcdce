/**
 * The geometry of the page's bar charts, in the SVG's own units (the chart's measured width in
 * CSS pixels, so text stays at its natural size from 360 px up). Pure: no DOM, no React.
 */

/** A value axis for counts: round steps (1, 2 or 5 × 10ⁿ, never below 1) from zero to a top at or above the largest value. */
export function niceTicks(max: number, targetCount = 5): { top: number; ticks: number[] } {
  if (!(max > 0)) return { top: 1, ticks: [0, 1] };
  const rough = max / Math.max(1, targetCount);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const residual = rough / magnitude;
  const nice = residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1;
  const step = Math.max(1, nice * magnitude);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let value = 0; value <= top; value += step) ticks.push(value);
  return { top, ticks };
}

/** Maps a count in [0, top] onto a length in [0, length]. */
export function scaleLinear(top: number, length: number): (value: number) => number {
  return (value) => (top > 0 ? (Math.max(0, value) / top) * length : 0);
}

/** Show every n-th category label so that labels of `labelWidth` never overlap in bands of `band`. */
export function labelEvery(band: number, labelWidth: number): number {
  return band >= labelWidth ? 1 : Math.ceil(labelWidth / Math.max(band, 1e-9));
}

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface BarCategory {
  label: string;
  /** One value per series, in the series' order. */
  values: readonly number[];
}

export interface BarRect {
  series: number;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BarGroup {
  label: string;
  /** The centre of the category's band, where its label goes. */
  center: number;
  total: number;
  rects: BarRect[];
  /** Where a value written above the stack (stacked) goes: the top of the highest bar. */
  top: number;
}

export interface BarLayout {
  /** The plotting area inside the margins. */
  plot: { left: number; top: number; width: number; height: number };
  band: number;
  ticks: { value: number; y: number }[];
  groups: BarGroup[];
  /** Whether each bar has room for its value written on it (else the data table carries it). */
  valuesFit: boolean;
}

/**
 * Vertical bars, one band per category: the series stacked in one bar (`stacked`, the total on
 * top), or side by side (`grouped`). A fifth of each band is left empty between categories.
 */
export function layoutBars(
  categories: readonly BarCategory[],
  options: {
    width: number;
    height: number;
    margins: Margins;
    mode: 'stacked' | 'grouped';
    valueWidth: number;
    /** No bar wider than this: a lone year's bars stay bars, not walls. */
    maxBarWidth?: number;
  },
): BarLayout {
  const { width, height, margins, mode } = options;
  const plot = {
    left: margins.left,
    top: margins.top,
    width: Math.max(1, width - margins.left - margins.right),
    height: Math.max(1, height - margins.top - margins.bottom),
  };
  const seriesCount = Math.max(1, ...categories.map((category) => category.values.length));
  const totals = categories.map((category) => category.values.reduce((sum, value) => sum + value, 0));
  const max =
    mode === 'stacked'
      ? Math.max(0, ...totals)
      : Math.max(0, ...categories.flatMap((category) => category.values));
  const { top, ticks } = niceTicks(max);
  const scale = scaleLinear(top, plot.height);
  const bottom = plot.top + plot.height;
  const band = plot.width / Math.max(1, categories.length);
  const inner = band * 0.8;
  const barWidth = Math.min(
    mode === 'stacked' ? inner : inner / seriesCount,
    options.maxBarWidth ?? Infinity,
  );
  const groupWidth = mode === 'stacked' ? barWidth : barWidth * seriesCount;
  const groups = categories.map((category, index): BarGroup => {
    const start = plot.left + index * band + (band - groupWidth) / 2;
    let stacked = 0;
    const rects = category.values.map((value, series): BarRect => {
      const length = scale(value);
      if (mode === 'stacked') {
        const rect = {
          series,
          value,
          x: start,
          y: bottom - stacked - length,
          width: barWidth,
          height: length,
        };
        stacked += length;
        return rect;
      }
      return {
        series,
        value,
        x: start + series * barWidth,
        y: bottom - length,
        width: barWidth,
        height: length,
      };
    });
    return {
      label: category.label,
      center: plot.left + index * band + band / 2,
      total: totals[index] ?? 0,
      rects,
      top: Math.min(bottom, ...rects.map((rect) => rect.y)),
    };
  });
  return {
    plot,
    band,
    ticks: ticks.map((value) => ({ value, y: bottom - scale(value) })),
    groups,
    valuesFit: barWidth >= options.valueWidth,
  };
}

export interface HorizontalRow {
  label: string;
  value: number;
  /** The label's baseline, above its bar. */
  labelY: number;
  barY: number;
  barLength: number;
  /** Where the value is written: just past the end of the bar. */
  valueX: number;
}

/**
 * Horizontal bars, one per row, each with its label above it and its value after it: readable
 * at any width, since nothing has to fit beside a label. `valueRoom` is kept at the right for the
 * longest value.
 */
export function layoutHorizontalBars(
  rows: readonly { label: string; value: number }[],
  options: {
    width: number;
    left: number;
    valueRoom: number;
    labelHeight: number;
    barHeight: number;
    gap: number;
  },
): { rows: HorizontalRow[]; height: number; length: number; top: number } {
  const length = Math.max(1, options.width - options.left - options.valueRoom);
  const top = Math.max(0, ...rows.map((row) => row.value));
  const scale = scaleLinear(top, length);
  const rowHeight = options.labelHeight + options.barHeight + options.gap;
  return {
    rows: rows.map((row, index) => {
      const labelY = index * rowHeight + options.labelHeight - 4;
      const barY = index * rowHeight + options.labelHeight;
      const barLength = scale(row.value);
      return {
        label: row.label,
        value: row.value,
        labelY,
        barY,
        barLength,
        valueX: options.left + barLength + 6,
      };
    }),
    height: rows.length * rowHeight,
    length,
    top,
  };
}
