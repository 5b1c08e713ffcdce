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

/** A requirement row read with the columns of the fields a page asks for, and always its placement and kind. */
export type RequirementRowPart = Partial<Requirement> & Pick<Requirement, 'placementId' | 'kind'>;

/** The same as a page shows it: its document number, when read, in clear. */
export type RequirementPart = Partial<RequirementView> & Pick<RequirementView, 'placementId' | 'kind'>;

/** A row read without its document number is shown as it is; one read with it has it opened. */
export function openRequirementPart(cipher: PiiCipher, row: RequirementRowPart): RequirementPart {
  if (row.documentNumberCiphertext === undefined) return row;
  const { documentNumberCiphertext, ...fields } = row;
  return {
    ...fields,
    documentNumber:
      documentNumberCiphertext === null ? null : cipher.decrypt(PURPOSE, documentNumberCiphertext),
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
