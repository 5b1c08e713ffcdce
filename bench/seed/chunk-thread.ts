/**
 * A worker thread of the seed: tells the chunks it is asked for and hands their COPY text back.
 * Sealing personal details is most of the work, so two of these use both cores.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig, PiiCipher } from '#lintas/core';
import { benchEnvironment } from '../lib/bench-env.js';
import { generateChunk, type SeedReference } from './national-data.js';

const { reference, database } = workerData as { reference: SeedReference; database: string };
const cipher = PiiCipher.fromConfig(loadConfig(benchEnvironment(database)));

parentPort?.on('message', ({ chunk, count }: { chunk: number; count: number }) => {
  const rows = generateChunk(reference, chunk, count, cipher);
  // Transferred, not copied: each table's rows are on an ArrayBuffer of their own.
  parentPort?.postMessage(
    { chunk, rows },
    Object.values(rows).map((bytes) => bytes.buffer as ArrayBuffer),
  );
});
