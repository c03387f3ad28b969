import type { Action } from "@flyteorg/flyteidl2/flyteidl2/workflow/run_definition_pb";

/** A row of the action tree: an action, or a group of its parent's children that share a group name. */
export type TreeRow =
  | { kind: "action"; action: Action; depth: number }
  | { kind: "group"; name: string; parent: string; members: Action[]; depth: number };

/**
 * The run's actions in tree order: each action followed by its children, children in the order they were created
 * (their names' order), and the children of one parent that share a group under one group row.
 */
export function treeRows(actions: Map<string, Action>, root: string): TreeRow[] {
  const children = new Map<string, Action[]>();
  for (const action of actions.values()) {
    const parent = action.metadata?.parent ?? "";
    if (parent !== "") {
      children.set(parent, [...(children.get(parent) ?? []), action]);
    }
  }
  const rows: TreeRow[] = [];
  const visit = (action: Action, depth: number) => {
    rows.push({ kind: "action", action, depth });
    const mine = (children.get(action.id!.name) ?? []).sort(byCreation);
    const groups = new Map<string, Action[]>();
    for (const child of mine) {
      const group = child.metadata?.group ?? "";
      if (group === "") {
        visit(child, depth + 1);
      } else if (!groups.has(group)) {
        const members = mine.filter((other) => other.metadata?.group === group);
        groups.set(group, members);
        rows.push({ kind: "group", name: group, parent: action.id!.name, members, depth: depth + 1 });
        for (const member of members) {
          visit(member, depth + 2);
        }
      }
    }
  };
  const top = actions.get(root);
  if (top !== undefined) {
    visit(top, 0);
  }
  return rows;
}

function byCreation(a: Action, b: Action): number {
  const at = a.status?.startTime, bt = b.status?.startTime;
  if (at && bt && (at.seconds !== bt.seconds || at.nanos !== bt.nanos)) {
    return at.seconds < bt.seconds || (at.seconds === bt.seconds && at.nanos < bt.nanos) ? -1 : 1;
  }
  return a.id!.name < b.id!.name ? -1 : a.id!.name > b.id!.name ? 1 : 0;
}
