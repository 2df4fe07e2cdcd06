import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    setupFiles: ['tests/setup.ts'],
    // Two files at a time on two cores: most tests wait on a CLI child process, so vitest's
    // default for two cores (one worker) leaves a core idle while a build runs.
    maxWorkers: 2,
    // Builds are CPU-bound: on a machine shared with other work a test may take several times its
    // quiet duration. The limits catch a hang, not a slow machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
