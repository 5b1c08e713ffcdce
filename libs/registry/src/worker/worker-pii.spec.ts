import { randomBytes } from 'node:crypto';
import { PiiCipher } from '#lintas/core';
import { openWorkerPii, openWorkerPiiLazily, sealWorkerPii, type WorkerPii } from './worker-pii.js';

const cipher = new PiiCipher([{ id: 'test', key: randomBytes(32) }], randomBytes(32));
const pii: WorkerPii = {
  nik: '3507014506900001',
  phone: '+6281234567890',
  passportNumber: 'C1234567',
  nextOfKin: { name: 'Siti', relationship: 'mother' },
};

/** A cipher that counts what it decrypts. */
function countingCipher(): { cipher: PiiCipher; decrypted: string[] } {
  const decrypted: string[] = [];
  const counting = Object.create(cipher) as PiiCipher;
  counting.decrypt = (purpose: string, envelope: string): string => {
    decrypted.push(purpose);
    return cipher.decrypt(purpose, envelope);
  };
  return { cipher: counting, decrypted };
}

describe('openWorkerPiiLazily', () => {
  it('decrypts nothing until a value is read, then only that value, once', () => {
    const { cipher: counting, decrypted } = countingCipher();
    const opened = openWorkerPiiLazily(counting, sealWorkerPii(cipher, pii));
    expect(decrypted).toEqual([]);
    expect(opened.nik).toBe(pii.nik);
    expect(opened.nik).toBe(pii.nik);
    expect(decrypted).toEqual(['worker.nik']);
  });

  it('reads as the eager opening does, spread or serialised', () => {
    const sealed = sealWorkerPii(cipher, pii);
    const opened = openWorkerPiiLazily(cipher, sealed);
    expect({ ...opened }).toEqual(openWorkerPii(cipher, sealed));
    expect(JSON.parse(JSON.stringify(opened))).toEqual(pii);
  });

  it('keeps an absent value null', () => {
    const empty = { nik: null, phone: null, passportNumber: null, nextOfKin: null };
    expect({ ...openWorkerPiiLazily(cipher, sealWorkerPii(cipher, empty)) }).toEqual(empty);
  });
});
