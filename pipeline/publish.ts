/**
 * Writes a build into a staging directory and swaps it in for dist/ only when everything
 * succeeded, so that a failed or killed build leaves the previous dist/ as it was. Staging and
 * the swap happen in .build/ beside dist/ (same file system, so renames are atomic).
 */
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export const WORK_DIR = '.build';

const exists = (p: string) => stat(p).then(() => true, () => false);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes what killed builds left behind, and puts back a dist/ that a kill between the two renames took away. */
async function recover(root: string, work: string): Promise<void> {
  const dist = path.join(root, 'dist');
  for (const name of await readdir(work)) {
    const m = /^(staging|previous)-(\d+)$/.exec(name);
    // Leave what a build still running owns.
    if (!m || (alive(Number(m[2])) && Number(m[2]) !== process.pid)) continue;
    const full = path.join(work, name);
    if (m[1] === 'previous' && !(await exists(dist))) await rename(full, dist);
    else await rm(full, { recursive: true, force: true });
  }
}

export async function publish(root: string, fill: (dir: string) => Promise<void>): Promise<void> {
  const work = path.join(root, WORK_DIR);
  await mkdir(work, { recursive: true });
  await recover(root, work);
  const staging = path.join(work, `staging-${process.pid}`);
  const previous = path.join(work, `previous-${process.pid}`);
  const dist = path.join(root, 'dist');
  await mkdir(staging);
  try {
    await fill(staging);
    const hadDist = await exists(dist);
    if (hadDist) await rename(dist, previous);
    await rename(staging, dist);
    if (hadDist) await rm(previous, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
