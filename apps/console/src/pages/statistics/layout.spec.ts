import { labelEvery, layoutBars, layoutHorizontalBars, niceTicks, scaleLinear } from './layout';

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten, up to a top at or above the maximum', () => {
    expect(niceTicks(65)).toEqual({ top: 80, ticks: [0, 20, 40, 60, 80] });
    expect(niceTicks(100)).toEqual({ top: 100, ticks: [0, 20, 40, 60, 80, 100] });
    expect(niceTicks(1825)).toEqual({ top: 2000, ticks: [0, 500, 1000, 1500, 2000] });
    expect(niceTicks(7)).toEqual({ top: 8, ticks: [0, 2, 4, 6, 8] });
  });

  it('never steps below one: counts are whole', () => {
    expect(niceTicks(3)).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
    expect(niceTicks(1)).toEqual({ top: 1, ticks: [0, 1] });
  });

  it('draws an empty axis from 0 to 1 when everything is zero', () => {
    expect(niceTicks(0)).toEqual({ top: 1, ticks: [0, 1] });
  });
});

describe('scaleLinear', () => {
  it('maps zero to zero and the top to the full length, never below zero', () => {
    const scale = scaleLinear(80, 200);
    expect(scale(0)).toBe(0);
    expect(scale(40)).toBe(100);
    expect(scale(80)).toBe(200);
    expect(scale(-5)).toBe(0);
    expect(scaleLinear(0, 200)(5)).toBe(0);
  });
});

describe('labelEvery', () => {
  it('thins labels that would overlap', () => {
    expect(labelEvery(40, 30)).toBe(1);
    expect(labelEvery(10, 30)).toBe(3);
    expect(labelEvery(7, 30)).toBe(5);
  });
});

const margins = { top: 10, right: 0, bottom: 30, left: 40 };

describe('layoutBars', () => {
  const categories = [
    { label: 'Jan', values: [30, 10] },
    { label: 'Feb', values: [0, 0] },
  ];

  it('stacks the series of a category from the axis up, the total on top', () => {
    const layout = layoutBars(categories, {
      width: 240,
      height: 240,
      margins,
      mode: 'stacked',
      valueWidth: 20,
    });
    expect(layout.plot).toEqual({ left: 40, top: 10, width: 200, height: 200 });
    expect(layout.band).toBe(100);
    const [january, february] = layout.groups;
    // The axis tops at 40: 30 is 150 of 200 units, 10 is 50, stacked above it.
    expect(january?.total).toBe(40);
    expect(january?.rects.map((rect) => [rect.y, rect.height])).toEqual([
      [60, 150],
      [10, 50],
    ]);
    expect(january?.top).toBe(10);
    expect(january?.center).toBe(90);
    expect(january?.rects[0]?.x).toBe(50);
    expect(january?.rects[0]?.width).toBe(80);
    expect(february?.rects.every((rect) => rect.height === 0 && rect.y === 210)).toBe(true);
    expect(layout.ticks.at(-1)).toEqual({ value: 40, y: 10 });
  });

  it('puts the series side by side when grouped, scaled to the largest single value', () => {
    const layout = layoutBars(categories, {
      width: 240,
      height: 240,
      margins,
      mode: 'grouped',
      valueWidth: 20,
    });
    const january = layout.groups[0];
    expect(january?.rects.map((rect) => [rect.x, rect.width])).toEqual([
      [50, 40],
      [90, 40],
    ]);
    expect(january?.rects[0]?.height).toBe(200);
    expect(layout.valuesFit).toBe(true);
  });

  it('keeps bars no wider than asked, centred in their band', () => {
    const layout = layoutBars([categories[0]], {
      width: 240,
      height: 240,
      margins,
      mode: 'grouped',
      valueWidth: 20,
      maxBarWidth: 30,
    });
    expect(layout.groups[0]?.rects.map((rect) => [rect.x, rect.width])).toEqual([
      [110, 30],
      [140, 30],
    ]);
  });

  it('says when the bars are too narrow to carry their values', () => {
    const many = Array.from({ length: 240 }, (_, index) => ({ label: String(index), values: [1, 2] }));
    expect(
      layoutBars(many, { width: 360, height: 200, margins, mode: 'stacked', valueWidth: 20 }).valuesFit,
    ).toBe(false);
  });
});

describe('layoutHorizontalBars', () => {
  it('scales every bar against the largest value and writes each value after its bar', () => {
    const layout = layoutHorizontalBars(
      [
        { label: 'Terdaftar', value: 100 },
        { label: 'Berangkat', value: 50 },
      ],
      { width: 300, left: 0, valueRoom: 100, labelHeight: 20, barHeight: 20, gap: 10 },
    );
    expect(layout.length).toBe(200);
    expect(layout.height).toBe(100);
    expect(layout.rows.map((row) => [row.barY, row.barLength, row.valueX])).toEqual([
      [20, 200, 206],
      [70, 100, 106],
    ]);
  });
});
