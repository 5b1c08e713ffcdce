import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { labelEvery, layoutBars, layoutHorizontalBars, type BarCategory } from './layout';

/**
 * Bar charts drawn by hand in SVG (no chart library: the page stays a small chunk). Each chart
 * is a figure with its title; the drawing is hidden from screen readers, which read the same
 * figures from the table beside it (shown on request to everyone). Colours are the console's
 * text colours (4.5:1 or more on white), and each series has its own pattern too, so that no
 * series is told by colour alone.
 */

/** How a series is painted: a colour and a pattern. */
export interface SeriesStyle {
  color: string;
  pattern: 'solid' | 'stripes' | 'dots';
}

export interface Series {
  name: string;
  style: SeriesStyle;
}

const FONT_SIZE = 12;
/** A generous width per character of the 12 px system font, so that labels never collide. */
const CHAR_WIDTH = 7.2;

function textWidth(text: string): number {
  return text.length * CHAR_WIDTH;
}

/** The chart's width in CSS pixels, measured, so the drawing is laid out for it and its text keeps its size. */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const measured = Math.floor(entry?.contentRect.width ?? 0);
      if (measured > 0) setWidth(measured);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** The fills of a chart's series, under ids unique to the chart. */
function Patterns({ prefix, series }: { prefix: string; series: readonly Series[] }): ReactNode {
  return (
    <defs>
      {series.map(({ style }, index) =>
        style.pattern === 'solid' ? null : (
          <pattern
            key={index}
            id={`${prefix}-${index}`}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform={style.pattern === 'stripes' ? 'rotate(45)' : undefined}
          >
            <rect width="6" height="6" fill="#ffffff" />
            {style.pattern === 'stripes' ? (
              <rect width="3" height="6" fill={style.color} />
            ) : (
              <circle cx="3" cy="3" r="1.6" fill={style.color} />
            )}
          </pattern>
        ),
      )}
    </defs>
  );
}

function fillOf(prefix: string, series: readonly Series[], index: number): string {
  const style = series[index]?.style;
  if (!style) return 'none';
  return style.pattern === 'solid' ? style.color : `url(#${prefix}-${index})`;
}

/** The key of a chart's series: each name beside a swatch of its colour and pattern. */
function Legend({ series }: { series: readonly Series[] }): ReactNode {
  const prefix = useId().replace(/:/g, '');
  return (
    <ul className="chart-legend" aria-hidden="true">
      {series.map((entry, index) => (
        <li key={entry.name}>
          <svg width="18" height="14" viewBox="0 0 18 14" focusable="false">
            <Patterns prefix={prefix} series={series} />
            <rect
              x="0.75"
              y="0.75"
              width="16.5"
              height="12.5"
              fill={fillOf(prefix, series, index)}
              stroke={entry.style.color}
              strokeWidth="1.5"
            />
          </svg>
          {entry.name}
        </li>
      ))}
    </ul>
  );
}

/** The drawing of a chart, laid out in the CSS pixels of its measured width. */
function Drawing({
  width,
  height,
  children,
}: {
  width: number;
  height: number;
  children: ReactNode;
}): ReactNode {
  return (
    <svg
      className="chart-svg"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      height={height}
      fontSize={FONT_SIZE}
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** A chart as a figure: its title, an optional note, the drawing, and its figures as a table. */
export function ChartFigure({
  title,
  note,
  table,
  showTable,
  hideTable,
  children,
}: {
  title: string;
  note?: string;
  table: ReactNode;
  showTable: string;
  hideTable: string;
  children: ReactNode;
}): ReactNode {
  const [shown, setShown] = useState(false);
  const id = useId();
  return (
    <figure className="card chart" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`}>{title}</h3>
        {note && <p className="muted chart-note">{note}</p>}
      </figcaption>
      <div aria-hidden="true">{children}</div>
      <button
        type="button"
        className="button secondary chart-toggle"
        aria-expanded={shown}
        aria-controls={`${id}-table`}
        onClick={() => setShown((value) => !value)}
      >
        {shown ? hideTable : showTable}
      </button>
      <div id={`${id}-table`} className={shown ? 'table-wrap chart-table' : 'visually-hidden'}>
        {table}
      </div>
    </figure>
  );
}

const MARGINS = { top: 22, right: 8, bottom: 46, left: 52 };
const HEIGHT = 280;
const MAX_BAR_WIDTH = 56;

/**
 * Vertical bars per period: the series stacked (the total written on top) or side by side (each
 * value on its bar), when the bars are wide enough to carry them; the axis labels thinned so
 * they never overlap.
 */
export function VerticalBarChart({
  categories,
  series,
  mode,
  xLabel,
  yLabel,
  format,
}: {
  categories: readonly BarCategory[];
  series: readonly Series[];
  mode: 'stacked' | 'grouped';
  xLabel: string;
  yLabel: string;
  format: (value: number) => string;
}): ReactNode {
  const [ref, width] = useWidth();
  const prefix = useId().replace(/:/g, '');
  const widest = Math.max(
    ...categories.flatMap((category) => category.values.map((value) => textWidth(format(value)))),
    0,
  );
  const totalWidest = Math.max(
    ...categories.map((category) =>
      textWidth(format(category.values.reduce((sum, value) => sum + value, 0))),
    ),
    0,
  );
  const layout = layoutBars(categories, {
    width,
    height: HEIGHT,
    margins: MARGINS,
    mode,
    valueWidth: (mode === 'stacked' ? totalWidest : widest) + 2,
    maxBarWidth: MAX_BAR_WIDTH,
  });
  const labelWidth = Math.max(...categories.map((category) => textWidth(category.label)), 0) + 8;
  const every = labelEvery(layout.band, labelWidth);
  const bottom = layout.plot.top + layout.plot.height;
  return (
    <div ref={ref} className="chart-body">
      <Legend series={series} />
      <Drawing width={width} height={HEIGHT}>
        <Patterns prefix={prefix} series={series} />
        {layout.ticks.map((tick) => (
          <g key={tick.value}>
            <line
              x1={layout.plot.left}
              x2={width - MARGINS.right}
              y1={tick.y}
              y2={tick.y}
              className="chart-grid"
            />
            <text x={layout.plot.left - 6} y={tick.y + 4} textAnchor="end" className="chart-tick">
              {format(tick.value)}
            </text>
          </g>
        ))}
        {layout.groups.map((group, index) => (
          <g key={`${group.label}-${index}`}>
            {group.rects.map((rect) =>
              rect.height > 0 ? (
                <rect
                  key={rect.series}
                  x={rect.x}
                  y={rect.y}
                  width={rect.width}
                  height={rect.height}
                  fill={fillOf(prefix, series, rect.series)}
                  stroke={series[rect.series]?.style.color}
                  strokeWidth="1"
                />
              ) : null,
            )}
            {layout.valuesFit &&
              (mode === 'stacked' ? (
                <text x={group.center} y={group.top - 5} textAnchor="middle" className="chart-value">
                  {format(group.total)}
                </text>
              ) : (
                group.rects.map((rect) => (
                  <text
                    key={rect.series}
                    x={rect.x + rect.width / 2}
                    y={rect.y - 5}
                    textAnchor="middle"
                    className="chart-value"
                  >
                    {format(rect.value)}
                  </text>
                ))
              ))}
            {index % every === 0 && (
              <text x={group.center} y={bottom + 16} textAnchor="middle" className="chart-label">
                {group.label}
              </text>
            )}
          </g>
        ))}
        <line
          x1={layout.plot.left}
          x2={width - MARGINS.right}
          y1={bottom}
          y2={bottom}
          className="chart-axis"
        />
        <text
          x={layout.plot.left + layout.plot.width / 2}
          y={HEIGHT - 6}
          textAnchor="middle"
          className="chart-axis-label"
        >
          {xLabel}
        </text>
        <text
          transform={`translate(13 ${layout.plot.top + layout.plot.height / 2}) rotate(-90)`}
          textAnchor="middle"
          className="chart-axis-label"
        >
          {yLabel}
        </text>
      </Drawing>
    </div>
  );
}

/** Horizontal bars, one per step, each with its name above it and its value after it. */
export function HorizontalBarChart({
  rows,
  axisLabel,
  color,
  format,
}: {
  rows: readonly { label: string; value: number }[];
  axisLabel: string;
  color: string;
  format: (value: number) => string;
}): ReactNode {
  const [ref, width] = useWidth();
  const valueRoom = Math.max(...rows.map((row) => textWidth(format(row.value))), 0) + 12;
  const layout = layoutHorizontalBars(rows, {
    width,
    left: 0,
    valueRoom,
    labelHeight: 20,
    barHeight: 22,
    gap: 10,
  });
  const height = layout.height + 22;
  return (
    <div ref={ref} className="chart-body">
      <Drawing width={width} height={height}>
        {layout.rows.map((row) => (
          <g key={row.label}>
            <text x={0} y={row.labelY} className="chart-label">
              {row.label}
            </text>
            <rect x={0} y={row.barY} width={Math.max(row.barLength, 1)} height={22} fill={color} />
            <text x={row.valueX} y={row.barY + 15} className="chart-value">
              {format(row.value)}
            </text>
          </g>
        ))}
        <text x={0} y={height - 4} className="chart-axis-label">
          {axisLabel}
        </text>
      </Drawing>
    </div>
  );
}
