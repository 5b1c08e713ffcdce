import { badgeClass, label } from '../../labels/names';
import { STAGES, stageTone } from '../../labels/stages';
import { eventLabel, maskDocumentNumber, REQUIREMENT_KINDS } from './labels';

describe('placement labels', () => {
  it('names a code in the officer language, and an unknown code as it is', () => {
    expect(label(STAGES, 'CLEARED', 'id')).toBe('Diizinkan berangkat');
    expect(label(STAGES, 'CLEARED', 'en')).toBe('Cleared for departure');
    expect(label(REQUIREMENT_KINDS, 'EPMI_CARD', 'id')).toBe('Kartu E-PMI');
    expect(label(STAGES, 'TELEPORTED', 'id')).toBe('TELEPORTED');
    expect(label(STAGES, 'toString', 'id')).toBe('toString');
  });

  it('names timeline events, partner reports by their status', () => {
    expect(eventLabel('clear', 'id')).toBe('Diizinkan berangkat');
    expect(eventLabel('requirement.recorded', 'en')).toBe('Requirement evidence recorded');
    expect(eventLabel('status.DETAINED', 'id')).toBe('Laporan mitra: Ditahan');
    expect(eventLabel('status.NEW_ONE', 'en')).toBe('Partner report: NEW_ONE');
    expect(eventLabel('something.else', 'id')).toBe('something.else');
  });

  it('colours stages by what they mean', () => {
    expect(badgeClass(stageTone('MISSING'))).toBe('badge badge-danger');
    expect(badgeClass(stageTone('REPATRIATING'))).toBe('badge badge-warning');
    expect(badgeClass(stageTone('REGISTERED'))).toBe('badge');
  });

  it('masks a document number but its last four characters', () => {
    expect(maskDocumentNumber('C1234567')).toBe('••••4567');
    expect(maskDocumentNumber(' 445/KES/2026/000123 ')).toBe('••••••0123');
    expect(maskDocumentNumber('123')).toBe('•••');
  });
});
