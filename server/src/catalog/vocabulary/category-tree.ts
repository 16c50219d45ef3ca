import type { Product } from '@aisle/shared';
import { categoryKey } from '../category';
import { conjuncts, partReadings } from './fold';

/**
 * A store's category tree as its products give it: one node per path prefix ("Electronics",
 * "Electronics > TV & Video", "Electronics > TV & Video > Flat-Panel TVs"), whatever the depth.
 * Products are grouped by their full path (their leaf); a node covers the leaf groups under it.
 */
export interface CategoryNode {
  /** The node's own name as the store wrote it ("Flat-Panel TVs"). */
  name: string;
  /** Its name's parts, folded, in every reading ("TV & Video" -> [["tv"], ["video"]]). */
  parts: string[][];
  /** How many things the name lists ("TV & Video": 2). */
  partCount: number;
  /** Depth from the root (0 = top level). */
  depth: number;
  /** Parent node id, -1 at the root. */
  parent: number;
  /** Leaf groups under the node (its own group included when products sit on it). */
  groups: number[];
  /** Products filed under the node, at any depth. */
  size: number;
}

export interface CategoryTree {
  nodes: CategoryNode[];
  /** Leaf group id of each product (index = product position). */
  groupOf: Int32Array;
  /** Deepest node of each leaf group. */
  nodeOfGroup: number[];
  groupCount: number;
  /** The leaf group of any product filed like this catalog's (a product shown earlier). */
  groupOfProduct(p: Product): number | undefined;
}

/** The path a product is filed under: the store's path, else its category alone. */
export function pathOf(p: Product): readonly string[] {
  const path = p.category_path?.filter((s) => s.trim() !== '') ?? [];
  // A path written into the category itself ("Bags > Backpacks", "A|B|C").
  if (path.length === 0) return splitPath(p.category);
  // Some stores give the path without the leaf: the leaf closes it.
  const last = path[path.length - 1] ?? '';
  return categoryKey(last) === categoryKey(p.category) ? path : [...path, p.category];
}

const PATH_SEPARATOR = /\s*(?:>|\||›|»|\/\/)\s*/;

function splitPath(category: string): readonly string[] {
  const parts = category.split(PATH_SEPARATOR).filter((s) => s.trim() !== '');
  return parts.length > 1 ? parts : [category];
}

/** Builds the tree in one pass; node and group ids are dense, in first-seen order. */
export function buildCategoryTree(products: readonly Product[]): CategoryTree {
  const nodes: CategoryNode[] = [];
  const nodeIds = new Map<string, number>();
  const groupIds = new Map<string, number>();
  const nodeOfGroup: number[] = [];
  const groupOf = new Int32Array(products.length);
  const fullKey = (path: readonly string[]): string => path.map(categoryKey).join('\u0000');
  products.forEach((p, i) => {
    const path = pathOf(p);
    const full = fullKey(path);
    let group = groupIds.get(full);
    if (group === undefined) {
      group = groupIds.size;
      groupIds.set(full, group);
      nodeOfGroup.push(addPath(path));
      // Every node on the path covers the new group.
      for (let n = nodeOfGroup[group] ?? -1; n >= 0; n = nodes[n]?.parent ?? -1) {
        nodes[n]?.groups.push(group);
      }
    }
    groupOf[i] = group;
    for (let n = nodeOfGroup[group] ?? -1; n >= 0; n = nodes[n]?.parent ?? -1) {
      const node = nodes[n];
      if (node) node.size += 1;
    }
  });
  return {
    nodes,
    groupOf,
    nodeOfGroup,
    groupCount: groupIds.size,
    groupOfProduct: (p) => groupIds.get(fullKey(pathOf(p))),
  };

  function addPath(path: readonly string[]): number {
    let parent = -1;
    let prefix = '';
    path.forEach((name, depth) => {
      prefix = depth === 0 ? categoryKey(name) : `${prefix}\u0000${categoryKey(name)}`;
      let id = nodeIds.get(prefix);
      if (id === undefined) {
        id = nodes.length;
        nodeIds.set(prefix, id);
        nodes.push({
          name,
          parts: partReadings(name),
          partCount: conjuncts(name).length,
          depth,
          parent,
          groups: [],
          size: 0,
        });
      }
      parent = id;
    });
    return parent;
  }
}
