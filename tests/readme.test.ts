/** The README's commands cannot drift: the quick start is the two commands, and every script it names exists. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

describe('README.md', async () => {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

  it('gives exactly the two quick-start commands', () => {
    const quick = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(quick).toBe('npm ci && npm run build\nnpm test\n');
  });

  it('names only npm scripts that exist', () => {
    const named = [...readme.matchAll(/npm run ([a-z:]+)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(3);
    for (const script of named) expect(pkg.scripts, script).toHaveProperty(script);
  });

  it('is what CI runs: .ci/run runs npm test', async () => {
    expect(await readFile(path.join(ROOT, '.ci/run'), 'utf8')).toMatch(/^npm test\b/m);
  });
});
