/**
 * require() as pdfmake and pdfkit see it. The hooks in this folder reach into pdfmake's internal
 * modules and into its own dependencies (pdfkit, fontkit, linebreak), which are pdfmake's to
 * resolve, not the project's: these give the very modules pdfmake and pdfkit load.
 */
import { createRequire } from 'node:module';

export const pdfmakeRequire = createRequire(createRequire(import.meta.url).resolve('pdfmake'));
export const pdfkitRequire = createRequire(pdfmakeRequire.resolve('pdfkit'));
