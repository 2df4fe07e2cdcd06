import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    setupFiles: ['tests/setup.ts'],
    // Two files at a time on two cores: most tests wait on a CLI child process, so vitest's
    // default for two cores (one worker) leaves a core idle while a build runs.
    maxWorkers: 2,
    // A worker imports the pipeline's modules (pdfmake, ExcelJS, sql.js, vega) once for all its
    // files, not once per file: 13 s of the suite's CPU went to imports, 5 s without isolation
    // (119.7 s against 99.3 s wall, back to back). No test mocks a module or changes the
    // environment, and state kept in a module (caches, the shared builds) is meant for the process.
    isolate: false,
    // Builds are CPU-bound: on a machine shared with other work a test may take several times its
    // quiet duration. The limits catch a hang, not a slow machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
