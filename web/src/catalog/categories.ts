// The category tree, flattened for pickers (search filters, the product editor).
import type { Category } from '../api/types';

/** Categories in tree order with their depth, for an indented <select>. */
export function categoryOptions(cats: Category[]): Array<{ c: Category; depth: number }> {
  const kids = new Map<string | null, Category[]>();
  for (const c of cats) kids.set(c.parent_id, [...(kids.get(c.parent_id) ?? []), c]);
  const out: Array<{ c: Category; depth: number }> = [];
  const walk = (parent: string | null, depth: number) => {
    for (const c of kids.get(parent) ?? []) {
      out.push({ c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
