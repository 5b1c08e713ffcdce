/**
 * Chromium as an officer in Banjarbaru has it: Indonesian, the WITA time zone. Pages are found by
 * role and accessible name, as a screen reader finds them; the checks every page passes (labelled
 * controls, readable contrast, no sideways scrolling at 360 px) and its screenshots live here.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AA_CONTRAST, contrastRatio, effectiveBackground, parseColour } from './contrast.js';
import type { User } from './console-stage.js';
import type { BrowserGlobals, DomElement } from './dom.js';

/** Where the screenshots go (gitignored). */
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'console');

export const WIDE = 1280;
export const NARROW = 360;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
    headless: true,
  });
}

/** A context of its own (its own sessionStorage, so its own session), at `width` pixels wide. */
export async function openContext(browser: Browser, baseURL: string, width = WIDE): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    timezoneId: 'Asia/Makassar',
    locale: 'id-ID',
    viewport: { width, height: width === NARROW ? 780 : 900 },
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Signs in through the login page and waits for the signed-in shell. */
export async function logIn(page: Page, user: User, path = '/peringatan'): Promise<void> {
  await page.goto(`/masuk?kembali=${encodeURIComponent(path)}`);
  await page.getByLabel('Nama pengguna').fill(user.username);
  await page.getByLabel('Kata sandi').fill(user.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('navigation', { name: 'Navigasi utama' }).waitFor();
}

/** Opens a page from the left navigation, as an officer does (no reload). */
export async function openFromNavigation(page: Page, entry: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: entry }).click();
}

/** Writes `test-results/console/<name>-<width>.png` of the whole page; answers its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const path = join(SCREENSHOTS, `${name}-${width}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** How far the page as a whole scrolls sideways beyond the viewport (0 when it does not). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as BrowserGlobals;
    const scrolling = document.scrollingElement ?? document.documentElement;
    return Math.max(0, scrolling.scrollWidth - innerWidth);
  });
}

/**
 * Every input, select and textarea without an accessible name: no label element, aria-label or
 * aria-labelledby naming it. Answers a description of each (tag, type, name, id).
 */
export async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as BrowserGlobals;
    const hasText = (element: { textContent: string | null } | null): boolean =>
      Boolean(element?.textContent?.trim());
    const named = (control: DomElement): boolean => {
      if (control.getAttribute('aria-label')?.trim()) return true;
      const labelledBy = control.getAttribute('aria-labelledby') ?? '';
      if (labelledBy.split(/\s+/).some((id) => id && hasText(document.getElementById(id)))) return true;
      if (control.title.trim()) return true;
      return Array.from(control.labels ?? []).some(hasText);
    };
    return Array.from(document.querySelectorAll('input, select, textarea'))
      .filter((control) => control.type !== 'hidden' && !named(control))
      .map(
        (control) =>
          `${control.tagName.toLowerCase()}[type=${control.getAttribute('type') ?? ''}][name=${control.getAttribute('name') ?? ''}]#${control.id}`,
      );
  });
}

interface PaintedText {
  element: string;
  text: string;
  colour: string;
  /** The element's background colour, then each ancestor's, innermost first. */
  backgrounds: string[];
}

/**
 * The visible text of the page's main elements (headings, paragraphs, labels, links, buttons,
 * table cells, list items, badges, notices, controls) whose colour contrasts less than 4.5:1
 * with what is behind it, or whose colours cannot be read; and how many texts were measured.
 * Disabled controls are left out, as WCAG leaves them out.
 */
export async function lowContrastTexts(page: Page): Promise<{ checked: number; failures: string[] }> {
  const painted = await page.evaluate((): PaintedText[] => {
    const { document, getComputedStyle } = globalThis as unknown as BrowserGlobals;
    const TEXT_NODE = 3;
    const selector =
      'h1, h2, h3, h4, p, label, legend, a, button, th, td, li, dt, dd, caption, summary, .badge, .notice, input, select, textarea, span';
    const texts: PaintedText[] = [];
    for (const element of Array.from(document.querySelectorAll(selector))) {
      if (element.disabled) continue;
      const ownText = Array.from(element.childNodes)
        .filter((node) => node.nodeType === TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('')
        .trim();
      const value = element.matches('input, select, textarea') ? (element.value ?? '') : ownText;
      if (!value) continue;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (style.visibility !== 'visible' || Number(style.opacity) === 0) continue;
      // Visually hidden text (the skip link until focused, words for screen readers only) is not seen.
      if (box.width <= 1 || box.height <= 1 || box.bottom < 0 || box.right < 0) continue;
      const backgrounds: string[] = [];
      for (let at: DomElement | null = element; at; at = at.parentElement)
        backgrounds.push(getComputedStyle(at).backgroundColor);
      const classes = element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
      texts.push({
        element: `${element.tagName.toLowerCase()}${classes}`,
        text: value.slice(0, 40),
        colour: style.color,
        backgrounds,
      });
    }
    return texts;
  });
  const failures: string[] = [];
  for (const text of painted) {
    const colour = parseColour(text.colour);
    const layers = text.backgrounds.map(parseColour);
    if (!colour || layers.some((layer) => layer === undefined)) {
      failures.push(
        `${text.element} "${text.text}": colours not readable (${text.colour} on ${text.backgrounds.join(' / ')})`,
      );
      continue;
    }
    const background = effectiveBackground(layers.filter((layer) => layer !== undefined));
    const ratio = contrastRatio(colour, background);
    if (ratio < AA_CONTRAST) {
      const behind = `rgb(${[background.r, background.g, background.b].map(Math.round).join(', ')})`;
      failures.push(`${text.element} "${text.text}": ${ratio.toFixed(2)}:1 (${text.colour} on ${behind})`);
    }
  }
  return { checked: painted.length, failures };
}

/** The checks every page passes at the width it is shown; answers what failed, in words. */
export async function pageProblems(page: Page): Promise<string[]> {
  const contrast = await lowContrastTexts(page);
  const problems = [
    ...(await unnamedControls(page)).map((control) => `no accessible name: ${control}`),
    ...contrast.failures.map((text) => `contrast below ${AA_CONTRAST}:1: ${text}`),
  ];
  // A check that found no text to measure proves nothing: the page did not render.
  if (contrast.checked === 0) problems.push('no text to check the contrast of');
  const width = page.viewportSize()?.width;
  if (width === NARROW) {
    const overflow = await sidewaysOverflow(page);
    if (overflow > 1) problems.push(`the page scrolls sideways by ${overflow} px at ${NARROW} px`);
  }
  return problems;
}
