import { rm } from 'node:fs/promises';
import { afterAll } from 'vitest';
import { created } from './helpers.js';

afterAll(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
