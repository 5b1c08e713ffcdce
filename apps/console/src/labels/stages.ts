import type { PlacementStage } from '../gql/graphql';
import type { Names, Tone } from './names';

/** A placement's stage, in the words of every page that shows one. */
export const STAGES: Names<PlacementStage> = {
  id: {
    REGISTERED: 'Terdaftar',
    CLEARED: 'Diizinkan berangkat',
    DEPARTED: 'Berangkat',
    PLACED: 'Bekerja di negara tujuan',
    REPATRIATING: 'Dalam pemulangan',
    RETURNED: 'Telah pulang',
    REINTEGRATING: 'Reintegrasi',
    CLOSED: 'Ditutup',
    CANCELLED: 'Dibatalkan',
    DECEASED: 'Meninggal dunia',
    MISSING: 'Hilang',
  },
  en: {
    REGISTERED: 'Registered',
    CLEARED: 'Cleared for departure',
    DEPARTED: 'Departed',
    PLACED: 'Working abroad',
    REPATRIATING: 'Being repatriated',
    RETURNED: 'Returned',
    REINTEGRATING: 'Reintegrating',
    CLOSED: 'Closed',
    CANCELLED: 'Cancelled',
    DECEASED: 'Deceased',
    MISSING: 'Missing',
  },
};

/** The badge colour of a stage: trouble in red, a worker on the way home in amber. */
export function stageTone(stage: PlacementStage): Tone {
  switch (stage) {
    case 'MISSING':
    case 'DECEASED':
      return 'danger';
    case 'REPATRIATING':
      return 'warning';
    case 'CLEARED':
    case 'DEPARTED':
    case 'PLACED':
    case 'RETURNED':
    case 'REINTEGRATING':
      return 'ok';
    default:
      return 'neutral';
  }
}
