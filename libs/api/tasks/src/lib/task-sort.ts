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
 * The keyset condition "comes after (values, id) in this order". `param` adds a bind parameter and
 * returns its placeholder. With every key non-null and in one direction it is a row comparison
 * (an index range); otherwise the expanded OR chain, led by a bound on the first key that an
 * index can use.
 */
export function keysetPredicate(keys: SortKey[], values: SortValue[], id: string, param: (value: unknown) => string): string {
  const idDesc = idDescending(keys);
  const sameDirection = keys.every((key) => key.descending === idDesc);
  const allNonNull = keys.every((key) => !SORT_SQL[key.field].nullable);
  if (sameDirection && allNonNull) {
    const left = [...keys.map((key) => SORT_SQL[key.field].expression), 't.id'].join(', ');
    const right = [...keys.map((key, i) => `${param(values[i])}::${SORT_SQL[key.field].cast}`), `${param(id)}::uuid`].join(', ');
    return `(${left}) ${idDesc ? '<' : '>'} (${right})`;
  }

  const placeholders = keys.map((key, i) => (values[i] === null ? null : `${param(values[i])}::${SORT_SQL[key.field].cast}`));
  const idPlaceholder = `${param(id)}::uuid`;
  const equal = (i: number) => {
    const expression = SORT_SQL[keys[i]!.field].expression;
    return placeholders[i] === null ? `${expression} IS NULL` : `${expression} = ${placeholders[i]}`;
  };
  const after = (i: number): string | undefined => {
    const key = keys[i]!;
    const { expression, nullable } = SORT_SQL[key.field];
    // Nothing sorts after a null due date except other nulls, which the tie-breakers order.
    if (placeholders[i] === null) return undefined;
    const strictly = `${expression} ${key.descending ? '<' : '>'} ${placeholders[i]}`;
    return nullable ? `(${strictly} OR ${expression} IS NULL)` : strictly;
  };

  const branches: string[] = [];
  for (let i = 0; i <= keys.length; i++) {
    const prefix = Array.from({ length: i }, (_, j) => equal(j));
    const last = i === keys.length ? `t.id ${idDesc ? '<' : '>'} ${idPlaceholder}` : after(i);
    if (last === undefined) continue;
    branches.push([...prefix, last].join(' AND '));
  }
  const chain = branches.length ? `(${branches.map((branch) => `(${branch})`).join(' OR ')})` : 'false';
  return `${firstKeyBound(keys[0]!, placeholders[0] ?? null)} AND ${chain}`;
}

/** Implied by the chain, but stated on its own so the planner can start the index scan at the cursor. */
function firstKeyBound(key: SortKey, placeholder: string | null): string {
  const { expression, nullable } = SORT_SQL[key.field];
  if (placeholder === null) return `${expression} IS NULL`;
  const bound = `${expression} ${key.descending ? '<=' : '>='} ${placeholder}`;
  return nullable ? `(${bound} OR ${expression} IS NULL)` : bound;
}
