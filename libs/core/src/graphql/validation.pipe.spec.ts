import { InvalidInputError } from '../errors/domain-error.js';
import { GraphqlValidationPipe } from './validation.pipe.js';

describe('GraphqlValidationPipe', () => {
  const pipe = new GraphqlValidationPipe();
  const refusal = async (value: unknown): Promise<unknown> => {
    try {
      await pipe.transform(value, { type: 'body', data: 'input', metatype: Object });
    } catch (error) {
      return error instanceof InvalidInputError ? error.fields : error;
    }
    return undefined;
  };

  it('refuses half of a surrogate pair, at its path, wherever it stands in the text', async () => {
    for (const text of ['\ud800', 'Siti\udc00', 'a\udbffb', '\udfff\ud800']) {
      expect(await refusal({ note: text })).toEqual([
        { path: 'input.note', message: 'must be well-formed Unicode text' },
      ]);
    }
  });

  it('takes whole pairs, as in emoji, and refuses control characters', async () => {
    expect(await refusal({ note: '🇮🇩 Siti 👩🏽‍🌾', lines: ['a\tb\nc'] })).toBeUndefined();
    expect(await refusal({ names: ['ok', 'Siti\u0000'] })).toEqual([
      { path: 'input.names.1', message: 'must not contain control characters' },
    ]);
  });
});
