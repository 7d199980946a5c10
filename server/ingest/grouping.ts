// Which members make which run (DOMAIN.md, "What is a run"): in a directory or archive, each
// deployment folder (one holding reservation.y(a)ml or edgeperf.yaml) is one run with everything
// under it; what is outside any deployment folder is one more run; an input with no deployment
// folder is one run. Summary CSV rows make runs of their own (one per `run` value).
import type { Member } from './members';

/** The folder of a member's display path: up to its last `/` or `!` (archive boundary). */
export function folderOf(memberPath: string): string {
  const cut = Math.max(memberPath.lastIndexOf('/'), memberPath.lastIndexOf('!'));
  return cut < 0 ? '' : memberPath.slice(0, cut);
}

export function isDeploymentMarker(memberPath: string): boolean {
  const name = memberPath.slice(
    Math.max(memberPath.lastIndexOf('/'), memberPath.lastIndexOf('!')) + 1,
  );
  return /^(reservation\.ya?ml|edgeperf\.ya?ml)$/i.test(name);
}

export interface Grouped<T extends { member: Member }> {
  /** Display name of the run: the deployment folder's last segment, or the input's name. */
  name: string;
  folder: string | null;
  items: T[];
}

/** Splits an input's recognised members into runs. */
export function groupByDeployment<T extends { member: Member }>(
  inputName: string,
  items: T[],
): Grouped<T>[] {
  const folders = [
    ...new Set(
      items.filter((x) => isDeploymentMarker(x.member.path)).map((x) => folderOf(x.member.path)),
    ),
  ]
    // deepest first, so a member goes to its nearest deployment folder
    .sort((a, b) => b.length - a.length);
  const groups = new Map<string | null, T[]>();
  for (const item of items) {
    const folder =
      folders.find(
        (f) => item.member.path.startsWith(`${f}/`) || item.member.path.startsWith(`${f}!`),
      ) ?? null;
    const list = groups.get(folder) ?? [];
    list.push(item);
    groups.set(folder, list);
  }
  const out: Grouped<T>[] = [];
  for (const [folder, list] of groups) {
    const segment = folder ? (folder.split(/[/!]/).filter(Boolean).pop() ?? inputName) : inputName;
    out.push({ name: segment, folder, items: list });
  }
  // stable order: the input's own run first, then folders by path
  return out.sort((a, b) => (a.folder ?? '').localeCompare(b.folder ?? ''));
}
