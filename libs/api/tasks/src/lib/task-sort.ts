import { TASK_SORT_FIELDS, type TaskSortField } from '@taskflow/shared-contracts';

export interface SortKey {
  field: TaskSortField;
  descending: boolean;
}

/** A cursor value of one sort key: ISO timestamp, `YYYY-MM-DD`, rank, lower-cased title, or null. */
export type SortValue = string | number | null;

interface FieldSql {
  /** The expression ordered by; its value is what a cursor stores. */
  expression: string;
  /** The cast a cursor value needs to compare with the expression. */
  cast: string;
  nullable: boolean;
  /** How the value is selected for a cursor, when the driver would otherwise change it (dates). */
  select?: string;
}

/**
 * Title sorts case-insensitively by code point ("C" collation), so the order is the same on every
 * server whatever its locale, and a JavaScript reference can reproduce it.
 */
export const SORT_SQL: Record<TaskSortField, FieldSql> = {
  createdAt: { expression: 't.created_at', cast: 'timestamptz', nullable: false },
  updatedAt: { expression: 't.updated_at', cast: 'timestamptz', nullable: false },
  dueDate: { expression: 't.due_date', cast: 'date', nullable: true, select: 't.due_date::text' },
  priority: { expression: 't.priority', cast: 'smallint', nullable: false },
  title: { expression: 'lower(t.title) COLLATE "C"', cast: 'text', nullable: false },
  position: { expression: 't.position', cast: 'float8', nullable: false },
};

export const DEFAULT_SORT = '-createdAt';
export const SORT_PATTERN = new RegExp(`^-?(${TASK_SORT_FIELDS.join('|')})(,-?(${TASK_SORT_FIELDS.join('|')}))*$`);

/** Parses a validated `sort` value; a field named twice is refused (it could only be a mistake). */
export function parseSort(sort: string | undefined): SortKey[] | { duplicate: string } {
  const keys = (sort ?? DEFAULT_SORT).split(',').map((part) => ({
    field: part.replace(/^-/, '') as TaskSortField,
    descending: part.startsWith('-'),
  }));
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key.field)) return { duplicate: key.field };
    seen.add(key.field);
  }
  return keys;
}

export function canonicalSort(keys: SortKey[]): string {
  return keys.map((key) => `${key.descending ? '-' : ''}${key.field}`).join(',');
}

/**
 * Ties are broken by id in the direction of the last sort key, so a single-key sort is one index
 * range in either direction. Null due dates come last whichever the direction.
 */
export function orderBy(keys: SortKey[]): string {
  const terms = keys.map((key) => {
    const sql = SORT_SQL[key.field];
    return `${sql.expression} ${key.descending ? 'DESC' : 'ASC'}${sql.nullable ? ' NULLS LAST' : ''}`;
  });
  return [...terms, `t.id ${idDescending(keys) ? 'DESC' : 'ASC'}`].join(', ');
}

export function idDescending(keys: SortKey[]): boolean {
  return keys[keys.length - 1]?.descending ?? true;
}

/** The sort-key expressions to select as k0, k1, … so a cursor can be made from the last row. */
export function sortKeyColumns(keys: SortKey[]): string {
  return keys.map((key, index) => `${SORT_SQL[key.field].select ?? SORT_SQL[key.field].expression} AS k${index}`).join(', ');
}

/**
 * The keyset condition "comes after (values, id) in this order". `bind(value, type)` adds a bind
 * parameter and returns an SQL expression of that type for it. With every key non-null and in one
 * direction it is a row comparison (an index range); otherwise the expanded OR chain, led by a
 * bound on the first key that an index can use.
 */
export function keysetPredicate(keys: SortKey[], values: SortValue[], id: string, bind: (value: unknown, type: string) => string): string {
  const idDesc = idDescending(keys);
  const sameDirection = keys.every((key) => key.descending === idDesc);
  const allNonNull = keys.every((key) => !SORT_SQL[key.field].nullable);
  if (sameDirection && allNonNull) {
    const left = [...keys.map((key) => SORT_SQL[key.field].expression), 't.id'].join(', ');
    const right = [...keys.map((key, i) => bind(values[i], SORT_SQL[key.field].cast)), bind(id, 'uuid')].join(', ');
    return `(${left}) ${idDesc ? '<' : '>'} (${right})`;
  }

  const terms = keys.map((key, i) => {
    const { expression, nullable, cast } = SORT_SQL[key.field];
    const placeholder = values[i] === null ? null : bind(values[i], cast);
    return {
      equal: placeholder === null ? `${expression} IS NULL` : `${expression} = ${placeholder}`,
      // Nothing sorts after a null due date except other nulls, which the later keys order.
      after: placeholder === null ? undefined : nullsLast(`${expression} ${key.descending ? '<' : '>'} ${placeholder}`, expression, nullable),
      // Implied by the chain, but stated on its own so the planner can start the index scan at the cursor.
      bound: placeholder === null ? `${expression} IS NULL` : nullsLast(`${expression} ${key.descending ? '<=' : '>='} ${placeholder}`, expression, nullable),
    };
  });
  const idAfter = `t.id ${idDesc ? '<' : '>'} ${bind(id, 'uuid')}`;

  const branches: string[] = [];
  terms.forEach((term, i) => {
    if (term.after) branches.push([...terms.slice(0, i).map((earlier) => earlier.equal), term.after].join(' AND '));
  });
  branches.push([...terms.map((term) => term.equal), idAfter].join(' AND '));
  return `${terms[0]?.bound ?? 'true'} AND (${branches.map((branch) => `(${branch})`).join(' OR ')})`;
}

function nullsLast(condition: string, expression: string, nullable: boolean): string {
  return nullable ? `(${condition} OR ${expression} IS NULL)` : condition;
}
