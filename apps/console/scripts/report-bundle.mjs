// @ts-check
/**
 * The last step of `npm run build:console`: writes the .gz and .br variants the api serves, prints
 * what the first page costs, and fails the build (exit 1) when its JavaScript is over budget.
 * `node apps/console/scripts/report-bundle.mjs [outDir]` (default: dist/console).
 */
import { relative, resolve } from 'node:path';
import process from 'node:process';
import { measureFirstPage, precompress } from './bundle-size.mjs';

/** @typedef {import('./bundle-size.mjs').MeasuredFile} MeasuredFile */

const outDir = resolve(process.argv[2] ?? resolve(import.meta.dirname, '../../../dist/console'));

/** @param {number} bytes */
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * @param {string[]} cells
 * @returns {string}
 */
const row = ([first = '', ...rest]) =>
  `${first.padEnd(44)}${rest.map((cell) => cell.padStart(12)).join('')}\n`;

/** @param {MeasuredFile[]} files */
const rows = (files) => files.map((file) => row([file.file, kib(file.raw), kib(file.gzip)])).join('');

/** @param {MeasuredFile[]} files */
const total = (files) => files.reduce((sum, file) => sum + file.raw, 0);

const firstPage = await measureFirstPage(outDir);
const compressed = await precompress(outDir);
const share = Math.round((firstPage.javascriptGzip / firstPage.budget) * 100);

process.stdout.write(
  [
    `\nConsole first page (${relative(process.cwd(), outDir) || '.'}), as the browser loads it before any page:\n`,
    row(['chunk', 'raw', 'gzip']),
    rows(firstPage.javascript),
    row(['JavaScript', kib(total(firstPage.javascript)), kib(firstPage.javascriptGzip)]),
    rows(firstPage.css),
    row(['CSS', kib(total(firstPage.css)), kib(firstPage.cssGzip)]),
    `\nFirst page JavaScript: ${kib(firstPage.javascriptGzip)} gzipped of the ${kib(firstPage.budget)} budget (${share}%).\n`,
    `${firstPage.lazy.length} page chunks load lazily and are not counted; ${compressed} .gz/.br files written.\n`,
  ].join(''),
);

if (firstPage.overBudget) {
  process.stderr.write(
    `\nThe console's first page is over budget: ${kib(firstPage.javascriptGzip)} of JavaScript gzipped, ` +
      `more than ${kib(firstPage.budget)}. Load what the first page does not need with a dynamic import() ` +
      `(pages are lazy in apps/console/src/shell/routes.ts), or drop a dependency.\n`,
  );
  process.exitCode = 1;
}
