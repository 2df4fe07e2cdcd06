/**
 * System tools some tests need (chromium, poppler-utils, qpdf, python3). Where one is missing a
 * test skips and says why in its name; under CI=true, where .ci/run installs them, a missing
 * tool fails instead.
 */
import { spawnSync } from 'node:child_process';

export interface Tool {
  available: boolean;
  /** Appended to a test's name: empty, or the one-line reason it is skipped. */
  note: string;
}

export function tool(command: string, packageName = command): Tool {
  const available = spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
  if (!available && process.env.CI === 'true') throw new Error(`${command} is missing, but CI=true requires it: .ci/run installs the Debian package ${packageName}`);
  return { available, note: available ? '' : ` [skipped: ${command} not installed; apt-get install ${packageName}]` };
}
