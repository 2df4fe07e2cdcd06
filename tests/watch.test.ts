/** Watch mode: a save with a mistake prints its diagnostic and leaves dist/ as it was; the fix is built into dist/; Ctrl-C exits cleanly. */
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, snapshot } from './helpers.js';
import { copyBuilt } from './shared.js';

describe('npm run watch', () => {
  it('reports a bad save at once without touching dist/, builds the fixed one, and stops on Ctrl-C', async () => {
    // The fixture as its shared build left it: the first build finds dist/ up to date, as an editor's usually is.
    const dir = await copyBuilt();
    const child = spawn(process.execPath, [path.join(ROOT, 'pipeline/launch.mjs'), 'watch', '--root', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    /** Resolves when the output after `from` matches `pattern`. */
    const waitFor = async (pattern: RegExp, from: number) => {
      for (;;) {
        const m = pattern.exec(out.slice(from));
        if (m) return from + m.index + m[0].length;
        if (child.exitCode !== null) throw new Error(`watch exited early:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      let at = await waitFor(/built in [\d.]+ s; watching/, 0);
      const before = await snapshot(path.join(dir, 'dist'));
      const figures = path.join(dir, 'sources/figures.csv');
      const good = await readFile(figures, 'utf8');

      await writeFile(figures, good.replace(',15424,exact,', ',"15,424",exact,'));
      at = await waitFor(/stopped in [\d.]+ s; watching/, at);
      expect(out).toContain('sources/figures.csv:2:6  error  cell/thousands-separator');
      expect(out).toContain('Build stopped: dist/ was left as it was.');
      expect(await snapshot(path.join(dir, 'dist'))).toEqual(before);

      await writeFile(figures, good);
      const events = path.join(dir, 'sources/events.csv');
      await writeFile(events, (await readFile(events, 'utf8')).replace('Soviet troops entered Latvia.', 'Soviet troops entered Latvia and Estonia.'));
      // The two saves may be built apart (the first alone when the second comes after the quiet that
      // ends a save): wait for the build whose saved files name events.csv.
      at = await waitFor(/saved: [^\n]*sources\/events\.csv[\s\S]*?(?:built|stopped) in [\d.]+ s; watching/, at);
      expect(out.slice(0, at), 'the edited event builds').toMatch(/built in [\d.]+ s; watching[^\n]*$/);
      expect(await readFile(path.join(dir, 'dist/data/events.csv'), 'utf8')).toContain('Soviet troops entered Latvia and Estonia.');
      expect(await snapshot(path.join(dir, 'dist'))).not.toEqual(before);

      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(out.slice(at)).toContain('Stopped watching.');
      // Nothing left half done: no staging directory of this process.
      expect((await readdir(path.join(dir, '.build'))).filter((f) => f.startsWith('staging-'))).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 180_000);
});
