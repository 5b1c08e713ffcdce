import type { PiiCipher } from '#lintas/core';
import type { NextOfKin } from './worker.entity.js';

/**
 * What each value is sealed for: the cipher authenticates it, so a value copied into another
 * column does not decrypt. Part of the stored format: renaming one makes its values unreadable.
 */
const PURPOSE = {
  nik: 'worker.nik',
  phone: 'worker.phone',
  passportNumber: 'worker.passport_number',
  nextOfKin: 'worker.next_of_kin',
} as const;

/** A worker's personal details, in clear: only ever in memory. */
export interface WorkerPii {
  nik: string | null;
  phone: string | null;
  passportNumber: string | null;
  nextOfKin: NextOfKin | null;
}

/** The same details as the worker table stores them. */
export interface SealedWorkerPii {
  nikCiphertext: string | null;
  nikIndex: string | null;
  phoneCiphertext: string | null;
  passportNumberCiphertext: string | null;
  nextOfKinCiphertext: string | null;
}

export function sealWorkerPii(cipher: PiiCipher, pii: WorkerPii): SealedWorkerPii {
  const seal = (purpose: string, value: string | null): string | null =>
    value === null ? null : cipher.encrypt(purpose, value);
  return {
    nikCiphertext: seal(PURPOSE.nik, pii.nik),
    nikIndex: pii.nik === null ? null : nikIndexOf(cipher, pii.nik),
    phoneCiphertext: seal(PURPOSE.phone, pii.phone),
    passportNumberCiphertext: seal(PURPOSE.passportNumber, pii.passportNumber),
    nextOfKinCiphertext: seal(PURPOSE.nextOfKin, pii.nextOfKin && JSON.stringify(pii.nextOfKin)),
  };
}

export function openWorkerPii(cipher: PiiCipher, sealed: Omit<SealedWorkerPii, 'nikIndex'>): WorkerPii {
  const nextOfKin = open(cipher, PURPOSE.nextOfKin, sealed.nextOfKinCiphertext);
  return {
    nik: open(cipher, PURPOSE.nik, sealed.nikCiphertext),
    phone: openWorkerPhone(cipher, sealed.phoneCiphertext),
    passportNumber: open(cipher, PURPOSE.passportNumber, sealed.passportNumberCiphertext),
    nextOfKin: nextOfKin === null ? null : (JSON.parse(nextOfKin) as NextOfKin),
  };
}

/**
 * The same details, each decrypted only when it is first read, then kept: a page of workers that
 * shows names and NIKs does not decrypt every phone, passport number and next of kin too. The
 * getters are the object's own, so a spread or JSON of it (audit, diff) reads them as values.
 */
export function openWorkerPiiLazily(cipher: PiiCipher, sealed: Omit<SealedWorkerPii, 'nikIndex'>): WorkerPii {
  const nik = once(() => open(cipher, PURPOSE.nik, sealed.nikCiphertext));
  const phone = once(() => openWorkerPhone(cipher, sealed.phoneCiphertext));
  const passportNumber = once(() => open(cipher, PURPOSE.passportNumber, sealed.passportNumberCiphertext));
  const nextOfKin = once(() => {
    const opened = open(cipher, PURPOSE.nextOfKin, sealed.nextOfKinCiphertext);
    return opened === null ? null : (JSON.parse(opened) as NextOfKin);
  });
  return {
    get nik() {
      return nik();
    },
    get phone() {
      return phone();
    },
    get passportNumber() {
      return passportNumber();
    },
    get nextOfKin() {
      return nextOfKin();
    },
  };
}

/** The worker's phone alone, for a reader that shows it without the rest (a referral's service). */
export function openWorkerPhone(cipher: PiiCipher, phoneCiphertext: string | null): string | null {
  return open(cipher, PURPOSE.phone, phoneCiphertext);
}

/** The blind index a worker is found by, and kept unique by, for this NIK. */
export function nikIndexOf(cipher: PiiCipher, nik: string): string {
  return cipher.blindIndex('nik', nik);
}

/** Re-seals each value under the active key: what `keys:rotate` writes for a worker. */
export function resealWorkerPii(cipher: PiiCipher, sealed: SealedWorkerPii): SealedWorkerPii {
  return sealWorkerPii(cipher, openWorkerPii(cipher, sealed));
}

/** A NIK as embassies and partners see it: its last 4 digits. */
export function maskNik(nik: string): string {
  return `${'*'.repeat(Math.max(nik.length - 4, 0))}${nik.slice(-4)}`;
}

function open(cipher: PiiCipher, purpose: string, envelope: string | null): string | null {
  return envelope === null ? null : cipher.decrypt(purpose, envelope);
}

/** A value computed on its first call and kept. */
function once<T>(compute: () => T): () => T {
  let computed: { value: T } | undefined;
  return () => (computed ??= { value: compute() }).value;
}
