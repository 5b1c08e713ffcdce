// @ts-check
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * @typedef {import('./bundle-size.mjs').MeasuredFile} MeasuredFile
 * @typedef {import('./bundle-size.mjs').FirstPage} FirstPage
 * @typedef {{ file: string, isEntry?: boolean, isDynamicEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[] }} ManifestChunk
 */

/** What the console's first page may make a browser download of JavaScript, gzipped: 250 KB. */
export const FIRST_PAGE_BUDGET_BYTES = 250 * 1024;

/** The files served precompressed: text, which compresses. */
const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json']);

/**
 * @param {Buffer} content
 * @returns {number} the gzipped size at level 9, what a server compressing well sends
 */
export function gzipSize(content) {
  return gzipSync(content, { level: 9 }).length;
}

/**
 * @param {string} outDir
 * @param {string} file
 * @returns {Promise<MeasuredFile>}
 */
async function measure(outDir, file) {
  const content = await readFile(join(outDir, file));
  return { file, raw: content.length, gzip: gzipSize(content) };
}

/**
 * What the first page costs, from a Vite build's manifest (`build.manifest: true`): the entry
 * (index.html) chunk and every chunk it imports statically, however deep, which the browser must
 * load before anything shows; the pages, imported dynamically, are lazy and not counted.
 *
 * @param {string} outDir the build's output directory, holding `.vite/manifest.json`
 * @param {number} [budget] bytes of gzipped JavaScript allowed
 * @returns {Promise<FirstPage>}
 */
export async function measureFirstPage(outDir, budget = FIRST_PAGE_BUDGET_BYTES) {
  /** @type {unknown} */
  const parsed = JSON.parse(await readFile(join(outDir, '.vite', 'manifest.json'), 'utf8'));
  const manifest = /** @type {Record<string, ManifestChunk>} */ (parsed);
  const entryKey =
    manifest['index.html'] !== undefined
      ? 'index.html'
      : Object.keys(manifest).find((key) => manifest[key]?.isEntry === true);
  if (entryKey === undefined) throw new Error(`${outDir}/.vite/manifest.json names no entry chunk`);
  /** @type {Set<string>} */
  const visited = new Set();
  /** @type {string[]} */
  const scripts = [];
  /** @type {Set<string>} */
  const styles = new Set();
  /** @type {string[]} */
  const pending = [entryKey];
  for (let key = pending.shift(); key !== undefined; key = pending.shift()) {
    const chunk = manifest[key];
    if (visited.has(key) || chunk === undefined) continue;
    visited.add(key);
    scripts.push(chunk.file);
    for (const css of chunk.css ?? []) styles.add(css);
    pending.push(...(chunk.imports ?? []));
  }
  const lazy = Object.entries(manifest)
    .filter(([key, chunk]) => chunk.isDynamicEntry === true && !visited.has(key))
    .map(([, chunk]) => chunk.file);
  const javascript = await Promise.all(scripts.map((file) => measure(outDir, file)));
  const css = await Promise.all([...styles].map((file) => measure(outDir, file)));
  const javascriptGzip = javascript.reduce((total, file) => total + file.gzip, 0);
  return {
    javascript,
    css,
    lazy,
    javascriptGzip,
    cssGzip: css.reduce((total, file) => total + file.gzip, 0),
    budget,
    overBudget: javascriptGzip > budget,
  };
}

/**
 * @param {string} directory
 * @returns {Promise<string[]>} every file under the directory, but Vite's own (`.vite/`)
 */
async function filesUnder(directory) {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => relative(directory, path).split(sep)[0] !== '.vite');
}

/**
 * Writes `<file>.gz` and `<file>.br` beside every text asset of a build, for the api to send as
 * they are (@fastify/static `preCompressed`) rather than compress each response. A variant no
 * smaller than its file is not written: the file is sent instead.
 *
 * @param {string} outDir
 * @returns {Promise<number>} how many compressed files were written
 */
export async function precompress(outDir) {
  let written = 0;
  for (const path of await filesUnder(outDir)) {
    if (!COMPRESSIBLE.has(extname(path))) continue;
    const content = await readFile(path);
    const variants = {
      gz: gzipSync(content, { level: 9 }),
      br: brotliCompressSync(content, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      }),
    };
    for (const [extension, compressed] of Object.entries(variants)) {
      if (compressed.length >= content.length) continue;
      await writeFile(`${path}.${extension}`, compressed);
      written += 1;
    }
  }
  return written;
}
