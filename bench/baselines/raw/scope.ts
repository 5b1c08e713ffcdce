import type { ScopeCondition } from '#lintas/access';

/** A WHERE condition with node-postgres's positional parameters, and their values in order. */
export interface PositionalCondition {
  sql: string;
  values: unknown[];
}

/**
 * Lintas's jurisdiction condition (TypeORM's `:name` parameters) as positional SQL numbered from
 * `$<first>`: the baseline scopes its statements by the very rule Lintas applies, not a copy of it.
 */
export function positional(condition: ScopeCondition, first = 1): PositionalCondition {
  const numbers = new Map<string, number>();
  const values: unknown[] = [];
  const sql = condition.sql.replace(/:(\w+)/g, (_match, name: string) => {
    let number = numbers.get(name);
    if (number === undefined) {
      number = first + values.length;
      numbers.set(name, number);
      values.push(condition.params[name]);
    }
    return `$${number}`;
  });
  return { sql, values };
}
