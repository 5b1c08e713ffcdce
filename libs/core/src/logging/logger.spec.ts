import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runWithRequestId } from '../context/request-context.js';
import { createLogger, logDestination } from './logger.js';

function capture(): { lines: () => Record<string, unknown>[]; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const lines = (): Record<string, unknown>[] =>
    chunks
      .join('')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { lines, stream };
}

describe('the JSON logger', () => {
  it('writes one JSON object per line with level, service and request id', () => {
    const { lines, stream } = capture();
    const logger = createLogger('info', 'api', stream);
    runWithRequestId('req-abcdef12', () => logger.info({ placementId: 'p-1' }, 'placement cleared'));
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 'info',
        service: 'api',
        requestId: 'req-abcdef12',
        placementId: 'p-1',
        message: 'placement cleared',
      }),
    ]);
  });

  it('never writes a NIK, a passport or a phone number, in fields or in the message', () => {
    const { lines, stream } = capture();
    const logger = createLogger('info', 'api', stream);
    logger.warn(
      { input: { nik: '6372024108950001', passportNumber: 'C1234567', phone: '+6281234567890' } },
      'registration of 6372024108950001 (passport C1234567, phone +62 812 3456 7890) refused',
    );
    const written = JSON.stringify(lines());
    for (const secret of ['6372024108950001', 'C1234567', '81234567890', '3456 7890']) {
      expect(written).not.toContain(secret);
    }
  });

  it('scrubs the bindings of child loggers, at any generation', () => {
    const { lines, stream } = capture();
    const logger = createLogger('info', 'api', stream);
    logger
      .child({ worker: 'nik 6372024108950001' })
      .child({ passportNumber: 'C1234567', note: 'phone +62 812 3456 7890' })
      .info('checked');
    const written = JSON.stringify(lines());
    for (const secret of ['6372024108950001', 'C1234567', '3456 7890']) {
      expect(written).not.toContain(secret);
    }
    expect(lines()).toEqual([expect.objectContaining({ service: 'api', message: 'checked' })]);
  });

  it('drops what is below its level', () => {
    const { stream } = capture();
    const logger = createLogger('warn', 'worker', stream);
    expect(logger.isLevelEnabled('info')).toBe(false);
    expect(logger.isLevelEnabled('error')).toBe(true);
  });

  it('appends to LOG_FILE, one file shared by every logger of the process, each line there at once', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'lintas-logger-'));
    try {
      const file = join(directory, 'nested', 'lintas.log');
      expect(logDestination(file)).toBe(logDestination(file));
      createLogger('info', 'api', logDestination(file)).info({ placementId: 'p-1' }, 'placement cleared');
      createLogger('info', 'worker', logDestination(file)).info('alert delivered');
      const lines = (await readFile(file, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toEqual([
        expect.objectContaining({ service: 'api', message: 'placement cleared' }),
        expect.objectContaining({ service: 'worker', message: 'alert delivered' }),
      ]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
