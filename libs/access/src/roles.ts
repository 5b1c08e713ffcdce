import { registerEnumType } from '@nestjs/graphql';
import { InvalidInputError } from '#lintas/core';

export enum Role {
  ADMIN = 'ADMIN',
  OFFICER = 'OFFICER',
  LABOUR_OFFICER = 'LABOUR_OFFICER',
  PARTNER = 'PARTNER',
  CASE_HANDLER = 'CASE_HANDLER',
  AUDITOR = 'AUDITOR',
}

export enum AgencyKind {
  BP3MI = 'BP3MI',
  DISNAKER = 'DISNAKER',
  EMBASSY = 'EMBASSY',
  PARTNER = 'PARTNER',
  SOCIAL_SERVICE = 'SOCIAL_SERVICE',
  NATIONAL = 'NATIONAL',
}

registerEnumType(Role, { name: 'Role' });
registerEnumType(AgencyKind, {
  name: 'AgencyKind',
  description: 'NATIONAL sees the whole country; the others see their jurisdiction only.',
});

/** Everyone who may read worker records in their jurisdiction. */
export const READERS = [
  Role.ADMIN,
  Role.OFFICER,
  Role.LABOUR_OFFICER,
  Role.PARTNER,
  Role.CASE_HANDLER,
  Role.AUDITOR,
] as const;

export function parseRoles(values: string[]): Role[] {
  const known = new Set<string>(Object.values(Role));
  const unknown = values.filter((value) => !known.has(value));
  if (unknown.length > 0) throw InvalidInputError.of('roles', `unknown role(s): ${unknown.join(', ')}`);
  return values as Role[];
}
