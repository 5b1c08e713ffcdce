import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { InvalidInputError } from '../errors/domain-error.js';

/** A page is never larger than this, whatever the client asks: response size dominates list cost. */
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20 })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first = 20;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  // Relay clients send `after: null` for the first page: the same as no cursor.
  @Transform(({ value }: { value: unknown }) => value ?? undefined)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Undefined when the operation does not select it: the list then never counts its rows. */
  totalCount: number | undefined;
}

/** The Relay connection object type for `node`, named `<name>Connection` with `<name>Edge`. */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType implements Edge<T> {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return ConnectionType;
}

/**
 * A cursor is opaque to clients: the sort key of the last row seen, as base64url JSON. Each list
 * pages on its own key shape, and `parse` accepts only that shape, so a cursor that is not ours
 * (forged, mangled or from another list) is bad input, never a crash or a query on garbage.
 */
export interface CursorCodec<Key> {
  encode(key: Key): string;
  /** `null` is what a client sends for the first page as often as nothing at all. */
  decode(cursor: string | null | undefined, path?: string): Key | undefined;
}

/** `parse` answers undefined for JSON that is not a key of this shape. */
export function cursorCodec<Key>(
  toJson: (key: Key) => unknown,
  parse: (json: unknown) => Key | undefined,
): CursorCodec<Key> {
  return {
    encode: (key) => Buffer.from(JSON.stringify(toJson(key))).toString('base64url'),
    decode(cursor, path = 'after') {
      if (cursor === undefined || cursor === null) return undefined;
      try {
        const key = parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
        if (key !== undefined) return key;
      } catch {
        // falls through to the error below: a cursor that is not ours is bad input, not a crash
      }
      throw InvalidInputError.of(path, 'is not a cursor returned by this API');
    },
  };
}

/**
 * Keyset cursors: the sort key of the last row seen, so a page never shifts when rows are added
 * before it, and the database seeks instead of counting an OFFSET.
 */
export interface KeysetCursor {
  createdAt: string;
  id: string;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const keysetCursor = cursorCodec<KeysetCursor>(
  (cursor) => [cursor.createdAt, cursor.id],
  (json) =>
    Array.isArray(json) &&
    json.length === 2 &&
    typeof json[0] === 'string' &&
    ISO_TIMESTAMP.test(json[0]) &&
    !Number.isNaN(Date.parse(json[0])) &&
    typeof json[1] === 'string' &&
    UUID.test(json[1])
      ? { createdAt: json[0], id: json[1] }
      : undefined,
);

export function encodeCursor(cursor: KeysetCursor): string {
  return keysetCursor.encode(cursor);
}

export function decodeCursor(cursor: string | null | undefined, path = 'after'): KeysetCursor | undefined {
  return keysetCursor.decode(cursor, path);
}

interface KeysetRow {
  id: string;
  createdAt: Date;
}

function keysetCursorOf(row: KeysetRow): string {
  return encodeCursor({ createdAt: row.createdAt.toISOString(), id: row.id });
}

/**
 * Builds a connection from `first + 1` rows in page order: the extra row proves a next page. Rows
 * are keyed by (createdAt, id) unless `cursorOf` gives a list that pages on another key.
 */
export function toConnection<Row extends KeysetRow, T>(
  rows: Row[],
  first: number,
  totalCount: number | undefined,
  toNode: (row: Row) => T,
): ConnectionShape<T>;
export function toConnection<Row, T>(
  rows: Row[],
  first: number,
  totalCount: number | undefined,
  toNode: (row: Row) => T,
  cursorOf: (row: Row) => string,
): ConnectionShape<T>;
export function toConnection<Row, T>(
  rows: Row[],
  first: number,
  totalCount: number | undefined,
  toNode: (row: Row) => T,
  // Without `cursorOf`, the first signature has already required keyed rows.
  cursorOf: (row: Row) => string = keysetCursorOf as (row: Row) => string,
): ConnectionShape<T> {
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ cursor: cursorOf(row), node: toNode(row) }));
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
