import type { Locale } from '../../i18n/locale';

/**
 * The API explains a refused field in English (`is before the recorded departure`); the officer
 * reads the ones this page's forms meet in Indonesian. A message not listed is shown as it came.
 */
const KNOWN: { pattern: RegExp; id: string; en: string }[] = [
  {
    pattern: /^is before the recorded death/,
    id: 'Sebelum waktu kematian yang tercatat.',
    en: 'Before the recorded death.',
  },
  {
    pattern: /^is before the recorded arrival abroad/,
    id: 'Sebelum waktu tiba di negara tujuan yang tercatat.',
    en: 'Before the recorded arrival abroad.',
  },
  {
    pattern: /^is before the recorded departure/,
    id: 'Sebelum waktu keberangkatan yang tercatat.',
    en: 'Before the recorded departure.',
  },
  {
    pattern: /^is before the worker returned/,
    id: 'Sebelum pekerja pulang.',
    en: 'Before the worker returned.',
  },
  { pattern: /^is in the future/, id: 'Tidak boleh di masa depan.', en: 'Must not be in the future.' },
  { pattern: /^must not be blank/, id: 'Tidak boleh kosong.', en: 'Must not be blank.' },
  {
    pattern: /^is required to cancel a repatriation/,
    id: 'Wajib diisi untuk membatalkan repatriasi.',
    en: 'Required to cancel a repatriation.',
  },
  {
    pattern: /^is required to refer a worker without their consent/,
    id: 'Wajib diisi untuk merujuk tanpa persetujuan pekerja.',
    en: 'Required to refer a worker without their consent.',
  },
  {
    pattern: /^is given only when the worker did not consent/,
    id: 'Hanya diisi bila pekerja tidak menyetujui.',
    en: 'Given only when the worker did not consent.',
  },
  {
    pattern: /^is required to mark a referral/,
    id: 'Wajib diisi untuk status ini.',
    en: 'Required for this status.',
  },
  {
    pattern: /^is not recorded for the return of remains/,
    id: 'Tidak dicatat untuk pemulangan jenazah.',
    en: 'Not recorded for the return of remains.',
  },
  {
    pattern: /^is not an agency known to Lintas|^is an agency of kind/,
    id: 'Bukan instansi di tanah air yang dapat menerima rujukan.',
    en: 'Not an agency at home that can receive referrals.',
  },
  {
    pattern: /^is not a REPATRIATION_NEEDED alert of this placement/,
    id: 'Bukan peringatan “perlu repatriasi” untuk penempatan ini.',
    en: 'Not a “repatriation needed” alert of this placement.',
  },
];

export function serverFieldMessage(message: string | undefined, locale: Locale): string | undefined {
  if (message === undefined) return undefined;
  const known = KNOWN.find((entry) => entry.pattern.test(message));
  return known ? known[locale] : message;
}
