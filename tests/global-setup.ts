/**
 * One folder per test run for the builds that test files share (tests/shared.ts), removed when
 * the run ends. Nothing is built here: a shared build is made when a test first asks for it, so
 * that running one test file costs only the builds it needs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder of this run's shared builds. */
    sharedDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chronicle-shared-'));
  project.provide('sharedDir', dir);
  return () => rm(dir, { recursive: true, force: true });
}
