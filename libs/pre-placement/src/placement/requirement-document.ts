import type { PiiCipher } from '#lintas/core';
import type { SealedTable } from '#lintas/registry';
import type { Requirement } from './placement.entity.js';

/**
 * What a document number is sealed for: the cipher authenticates it, so a number copied into
 * another column does not decrypt. Part of the stored format: renaming it makes every number
 * unreadable. One purpose for every kind: a passport's number is the worker's, and a visa or a
 * contract number leads to the worker as surely.
 */
const PURPOSE = 'requirement.document_number';

/** A requirement as it is read and written in memory: its document number in clear. */
export type RequirementView = Omit<Requirement, 'documentNumberCiphertext'> & {
  documentNumber: string | null;
};

export function sealDocumentNumber(cipher: PiiCipher, documentNumber: string): string;
export function sealDocumentNumber(cipher: PiiCipher, documentNumber: string | null): string | null;
export function sealDocumentNumber(cipher: PiiCipher, documentNumber: string | null): string | null {
  return documentNumber === null ? null : cipher.encrypt(PURPOSE, documentNumber);
}

export function openRequirement(cipher: PiiCipher, row: Requirement): RequirementView {
  const { documentNumberCiphertext, ...fields } = row;
  return {
    ...fields,
    documentNumber:
      documentNumberCiphertext === null ? null : cipher.decrypt(PURPOSE, documentNumberCiphertext),
  };
}

/**
 * The same view with the document number decrypted when first read, then kept: a checklist page
 * that shows kinds and statuses decrypts none. The getter is the object's own, so a spread or an
 * audit of the view reads it as a value.
 */
export function openRequirementLazily(cipher: PiiCipher, row: Requirement): RequirementView {
  const sealed = row.documentNumberCiphertext;
  let documentNumber: { value: string | null } | undefined;
  // Every field named, not spread: a spread beside a getter makes each of a page's ~900 views a
  // slow dictionary object.
  return {
    id: row.id,
    placementId: row.placementId,
    kind: row.kind,
    status: row.status,
    reason: row.reason,
    evaluatedBy: row.evaluatedBy,
    recordedStatus: row.recordedStatus,
    get documentNumber() {
      documentNumber ??= { value: sealed === null ? null : cipher.decrypt(PURPOSE, sealed) };
      return documentNumber.value;
    },
    issuer: row.issuer,
    issuedOn: row.issuedOn,
    expiresOn: row.expiresOn,
    note: row.note,
    recordedById: row.recordedById,
    recordedAt: row.recordedAt,
    updatedAt: row.updatedAt,
  };
}

/** What the audit trail keeps of a requirement: whether a document number is recorded, never the number. */
export function auditedRequirement(view: RequirementView): Record<string, unknown> {
  const { documentNumber, ...fields } = view;
  return { ...fields, documentNumberRecorded: documentNumber !== null };
}

/** The requirement's sealed column, as `keys:rotate` moves it to the active key. */
export const SEALED_REQUIREMENT_COLUMNS: SealedTable = {
  table: 'requirement',
  sealed: ['document_number_ciphertext'],
  indexes: [],
  reseal: (cipher, row) => {
    const envelope = row.document_number_ciphertext ?? null;
    return {
      document_number_ciphertext: sealDocumentNumber(
        cipher,
        envelope === null ? null : cipher.decrypt(PURPOSE, envelope),
      ),
    };
  },
};
