import { ConflictError } from '#lintas/core';
import { isUniqueViolation } from '#lintas/database';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Inserts `row`. The unique constraint `constraint` refusing it (the record exists already, or
 * another one is open) answers CONFLICT at `conflict.path` rather than a database error; the index,
 * not a read before the write, decides, so two concurrent writers cannot both get in.
 */
export async function insertUnique<Row extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<Row>,
  row: Row,
  constraint: string,
  conflict: { message: string; path: string },
): Promise<void> {
  try {
    await manager.insert(target, row);
  } catch (error) {
    if (isUniqueViolation(error, constraint)) throw new ConflictError(conflict.message, conflict.path);
    throw error;
  }
}
