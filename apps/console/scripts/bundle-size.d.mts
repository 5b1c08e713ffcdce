/** One file of a build: its path under the output directory and its size, raw and gzipped (level 9). */
export interface MeasuredFile {
  file: string;
  raw: number;
  gzip: number;
}

/** What the browser loads before the console's first page shows. */
export interface FirstPage {
  /** The entry chunk first, then every chunk it imports statically. */
  javascript: MeasuredFile[];
  /** The stylesheets of those chunks. */
  css: MeasuredFile[];
  /** The chunks imported dynamically only (the pages): not counted. */
  lazy: string[];
  javascriptGzip: number;
  cssGzip: number;
  budget: number;
  overBudget: boolean;
}

export declare const FIRST_PAGE_BUDGET_BYTES: number;
export declare function gzipSize(content: Buffer): number;
export declare function measureFirstPage(outDir: string, budget?: number): Promise<FirstPage>;
export declare function precompress(outDir: string): Promise<number>;
