// Rendered markdown is pinned by committed .md files (compared byte for byte), so a change to what users see
// shows up in review as a readable diff. Rewrite them with UPDATE_SNAPSHOTS=1 after an intended change.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A matcher bound to one folder of snapshot files. */
export function snapshotFiles(folder: string): (name: string, rendered: string) => void {
  return (name, rendered) => {
    const file = join(folder, `${name}.md`);
    if (process.env.UPDATE_SNAPSHOTS === '1') {
      mkdirSync(folder, { recursive: true });
      writeFileSync(file, rendered);
      return;
    }
    if (!existsSync(file))
      throw new Error(`${file} is missing; run the tests once with UPDATE_SNAPSHOTS=1 and commit it.`);
    expect(rendered).toBe(readFileSync(file, 'utf8'));
  };
}
