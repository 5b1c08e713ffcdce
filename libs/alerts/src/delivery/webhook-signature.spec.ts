import { signWebhook } from './webhook-signature.js';

describe('the webhook signature', () => {
  it('is sha256= and the hex HMAC-SHA256 of "<timestamp>.<raw body>" (vector computed with openssl)', () => {
    expect(signWebhook('whsec-test-secret', 1_700_000_000, '{"deliveryId":"d-1"}')).toBe(
      'sha256=ead22f398f367c5fce4ae684d72c3129fe52aea32c55d4af90dd78b8b4a05f72',
    );
  });

  it('changes with the secret, the timestamp and every byte of the body', () => {
    const signature = signWebhook('secret', 1_700_000_000, '{"a":1}');
    expect(signWebhook('other secret', 1_700_000_000, '{"a":1}')).not.toBe(signature);
    expect(signWebhook('secret', 1_700_000_001, '{"a":1}')).not.toBe(signature);
    expect(signWebhook('secret', 1_700_000_000, '{"a":2}')).not.toBe(signature);
    expect(signWebhook('secret', 1_700_000_000, '{"a":1}')).toBe(signature);
  });
});
