import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FIRST_PAGE_BUDGET_BYTES,
  measureFirstPage,
  type FirstPage,
} from '../apps/console/scripts/bundle-size.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

interface ManifestChunk {
  file: string;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/**
 * A build of a console whose first page has 250 KiB of incompressible JavaScript two imports deep,
 * and a lazy page.
 */
async function writeOversizedBuild(outDir: string): Promise<void> {
  const manifest: Record<string, ManifestChunk & { isEntry?: boolean }> = {
    'index.html': {
      file: 'assets/index-e1.js',
      isEntry: true,
      imports: ['_vendor-v1.js'],
      dynamicImports: ['src/pages/lazy-page.tsx'],
      css: ['assets/index-c1.css'],
    },
    '_vendor-v1.js': { file: 'assets/vendor-v1.js', imports: ['_deep-d1.js'] },
    '_deep-d1.js': { file: 'assets/deep-d1.js' },
    'src/pages/lazy-page.tsx': {
      file: 'assets/lazy-page-p1.js',
      isDynamicEntry: true,
      imports: ['index.html'],
    },
  };
  const files: Record<string, string | Buffer> = {
    '.vite/manifest.json': JSON.stringify(manifest),
    'index.html': '<!doctype html><script type="module" src="/assets/index-e1.js"></script>',
    'assets/index-e1.js': 'import "./vendor-v1.js";\n'.repeat(200),
    'assets/index-c1.css': 'body { margin: 0 }\n'.repeat(50),
    'assets/vendor-v1.js': 'export const vendor = 1;\n'.repeat(200),
    'assets/deep-d1.js': randomBytes(FIRST_PAGE_BUDGET_BYTES),
    'assets/lazy-page-p1.js': randomBytes(4096),
  };
  for (const [file, content] of Object.entries(files)) {
    await mkdir(dirname(join(outDir, file)), { recursive: true });
    await writeFile(join(outDir, file), content);
  }
}

describe("the console's first-page budget", () => {
  let workDir: string;
  let builtDir: string;
  let manifest: Record<string, ManifestChunk>;
  let firstPage: FirstPage;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'lintas-console-bundle-'));
    builtDir = join(workDir, 'console');
    // `npm run console:codegen` and `npx vite build`, without npm's own start-up.
    const codegen = await run('node_modules/.bin/graphql-codegen', [
      '-c',
      'apps/console/codegen.ts',
      '--silent',
    ]);
    if (codegen.code !== 0) throw new Error(`codegen failed:\n${codegen.stdout}\n${codegen.stderr}`);
    const build = await run('node_modules/.bin/vite', [
      'build',
      '-c',
      'apps/console/vite.config.ts',
      '--outDir',
      builtDir,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ]);
    if (build.code !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
    manifest = JSON.parse(await readFile(join(builtDir, '.vite', 'manifest.json'), 'utf8')) as Record<
      string,
      ManifestChunk
    >;
    firstPage = await measureFirstPage(builtDir);
  }, 120_000);

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('keeps the JavaScript the first page loads under 250 KiB gzipped', () => {
    expect(FIRST_PAGE_BUDGET_BYTES).toBe(250 * 1024);
    expect(firstPage.javascriptGzip).toBeGreaterThan(0);
    expect(firstPage.javascriptGzip).toBeLessThanOrEqual(FIRST_PAGE_BUDGET_BYTES);
    expect(firstPage.overBudget).toBe(false);
  });

  it('counts the entry chunk and its stylesheet, and none of the lazy pages', () => {
    const entry = manifest['index.html'];
    const counted = firstPage.javascript.map((file) => file.file);
    expect(counted[0]).toBe(entry.file);
    expect(firstPage.css.map((file) => file.file)).toEqual(expect.arrayContaining(entry.css ?? []));
    const pages = Object.values(manifest).filter((chunk) => chunk.isDynamicEntry === true);
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      expect(counted).not.toContain(page.file);
      expect(firstPage.lazy).toContain(page.file);
    }
  });

  it('fails a first page over budget, counting what it imports statically however deep', async () => {
    const outDir = join(workDir, 'oversized');
    await writeOversizedBuild(outDir);

    const measured = await measureFirstPage(outDir);
    expect(measured.javascript.map((file) => file.file)).toEqual([
      'assets/index-e1.js',
      'assets/vendor-v1.js',
      'assets/deep-d1.js',
    ]);
    expect(measured.lazy).toEqual(['assets/lazy-page-p1.js']);
    expect(measured.css.map((file) => file.file)).toEqual(['assets/index-c1.css']);
    expect(measured.javascriptGzip).toBeGreaterThan(FIRST_PAGE_BUDGET_BYTES);
    expect(measured.overBudget).toBe(true);

    const report = await run('node', ['apps/console/scripts/report-bundle.mjs', outDir]);
    expect(report.code).toBe(1);
    expect(report.stdout).toContain('assets/deep-d1.js');
    expect(report.stderr).toMatch(/over budget/);
    // The text files get their precompressed variants; random bytes, which do not shrink, do not.
    expect(await exists(join(outDir, 'assets/index-e1.js.br'))).toBe(true);
    expect(await exists(join(outDir, 'assets/index-e1.js.gz'))).toBe(true);
    expect(await exists(join(outDir, 'assets/deep-d1.js.gz'))).toBe(false);
    expect(await exists(join(outDir, '.vite/manifest.json.gz'))).toBe(false);
  });
});
