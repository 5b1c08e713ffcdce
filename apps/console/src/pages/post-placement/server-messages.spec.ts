import { serverFieldMessage } from './server-messages';

describe('the API field messages an officer reads', () => {
  it('reads a known refusal in the officer language', () => {
    expect(serverFieldMessage('is before the recorded departure', 'id')).toBe(
      'Sebelum waktu keberangkatan yang tercatat.',
    );
    expect(serverFieldMessage('is before the recorded arrival abroad', 'en')).toBe(
      'Before the recorded arrival abroad.',
    );
    expect(serverFieldMessage('is required to mark a referral COMPLETED', 'id')).toBe(
      'Wajib diisi untuk status ini.',
    );
    expect(serverFieldMessage('is an agency of kind EMBASSY: refer to an agency at home', 'id')).toBe(
      'Bukan instansi di tanah air yang dapat menerima rujukan.',
    );
  });

  it('shows any other message as it came, and nothing for no message', () => {
    expect(serverFieldMessage('is not a cursor returned by this API', 'id')).toBe(
      'is not a cursor returned by this API',
    );
    expect(serverFieldMessage(undefined, 'id')).toBeUndefined();
  });
});
