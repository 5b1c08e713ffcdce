import { TraffickingIndicator } from '#lintas/placement';
import { AlertSeverity } from '../model/alert.enums.js';
import { indicatorSeverity } from './indicator-severity.js';

describe('the severity of trafficking indicators', () => {
  it('is CRITICAL for violence and for confinement', () => {
    expect(indicatorSeverity([TraffickingIndicator.PHYSICAL_OR_SEXUAL_VIOLENCE])).toBe(
      AlertSeverity.CRITICAL,
    );
    expect(indicatorSeverity([TraffickingIndicator.RESTRICTION_OF_MOVEMENT])).toBe(AlertSeverity.CRITICAL);
  });

  it('is at least HIGH for withheld documents', () => {
    expect(indicatorSeverity([TraffickingIndicator.RETENTION_OF_IDENTITY_DOCUMENTS])).toBe(
      AlertSeverity.HIGH,
    );
  });

  it('is MEDIUM for a warning sign alone', () => {
    expect(indicatorSeverity([TraffickingIndicator.EXCESSIVE_OVERTIME])).toBe(AlertSeverity.MEDIUM);
  });

  it('takes the gravest of several', () => {
    expect(
      indicatorSeverity([
        TraffickingIndicator.EXCESSIVE_OVERTIME,
        TraffickingIndicator.PHYSICAL_OR_SEXUAL_VIOLENCE,
        TraffickingIndicator.RETENTION_OF_IDENTITY_DOCUMENTS,
      ]),
    ).toBe(AlertSeverity.CRITICAL);
  });

  it('gives every indicator a severity of MEDIUM or more', () => {
    for (const indicator of Object.values(TraffickingIndicator)) {
      expect([AlertSeverity.MEDIUM, AlertSeverity.HIGH, AlertSeverity.CRITICAL]).toContain(
        indicatorSeverity([indicator]),
      );
    }
  });
});
