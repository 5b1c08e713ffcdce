import { ConflictError } from '#lintas/core';
import type { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';

/** A record checked against the version its writer read. */
interface Versioned extends ObjectLiteral {
  id: string;
  version: number;
}

/**
 * Writes `changes` only if the row is still at the version read, and moves its version on. The check
 * is in the statement itself (TypeORM's @VersionColumn does not guard concurrent writes,
 * typeorm#2848): a row changed meanwhile is not written, and answers CONFLICT at `path`.
 */
export async function updateAtVersion<Row extends Versioned>(
  manager: EntityManager,
  target: EntityTarget<Row>,
  read: Pick<Row, 'id' | 'version'>,
  changes: QueryDeepPartialEntity<Row>,
  conflict: { name: string; path: string },
): Promise<void> {
  const written = await manager
    .createQueryBuilder()
    .update(target)
    .set({ ...changes, version: () => 'version + 1' })
    .where('id = :id AND version = :version', { id: read.id, version: read.version })
    .execute();
  if (written.affected !== 1) {
    throw new ConflictError(`${conflict.name} ${read.id} was changed meanwhile`, conflict.path);
  }
}
