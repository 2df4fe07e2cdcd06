/**
 * Handlebars templates compiled once per text. Handlebars compiles a template on its first render,
 * and a build compiled each anew: in watch mode, where every save renders the same templates, that
 * was about a tenth of a second of the chronology's step alone. No helper or partial is registered,
 * so a template's text and the options below decide what it renders.
 *
 * A single build compiled them too, the chronology's template alone about 0.09 s of parsing and
 * compiling. Handlebars can write a compiled template as the source of its spec (`precompile`,
 * the form it ships templates to browsers in); that source is kept under the install's cache
 * (node_modules/.cache) by the hash of the template's text, the options and Handlebars' version, as
 * ajv's validators are (validate/ajv.ts), and the next process makes the template from it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readCheckedSync, writeCheckedSync } from './checked-file.js';
import type { PdfCache } from '../pdf/cache.js';
import { installCache, packageVersion } from './install-cache.js';

const require = createRequire(import.meta.url);
/**
 * Loaded at the first template, so that `npm run validate`, which renders none, does not load it:
 * Handlebars' runtime (about 20 ms), which makes a template from its spec, and the whole of
 * Handlebars (its compiler too, about 40 ms) only to compile a template whose spec is not kept.
 */
let runtime: typeof import('handlebars') | undefined;
let handlebars: typeof import('handlebars') | undefined;

const OPTIONS = { strict: true };
const CACHE = installCache('templates');

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Where the compiled spec of a template of this text is kept. */
export const keptTemplate = (text: string, version: string) => path.join(CACHE, `${createHash('sha256').update(`${version}\0${JSON.stringify(OPTIONS)}\0${text}`).digest('hex')}.js`);

function compile(text: string): HandlebarsTemplateDelegate {
  const hb = (runtime ??= require('handlebars/runtime') as typeof import('handlebars'));
  const file = keptTemplate(text, hb.VERSION);
  let spec = readCheckedSync(file)?.toString('utf8');
  if (spec === undefined) {
    spec = (handlebars ??= require('handlebars') as typeof import('handlebars')).precompile(text, OPTIONS) as string;
    // Only time is at stake: a cache that cannot be written (a read-only install) is simply not used.
    try {
      mkdirSync(CACHE, { recursive: true });
      writeCheckedSync(file, Buffer.from(spec, 'utf8'));
    } catch {
      // Nothing to undo: writeCheckedSync removes its temporary file when it fails.
    }
  }
  return hb.template(new Function(`return ${spec};`)() as TemplateSpecification);
}

/** For tests: forgets the templates this process compiled, so that the next is made from the kept spec. */
export const forgetCompiledTemplates = (): void => compiled.clear();

export function compiledTemplate(text: string): HandlebarsTemplateDelegate {
  let template = compiled.get(text);
  if (!template) compiled.set(text, (template = compile(text)));
  return template;
}

/** Read from its package.json: a kept page's key needs it before (and without) Handlebars itself. */
let handlebarsVersion: string | undefined;

/**
 * What the template of text `text` renders from `data`, as bytes, kept in `cache` by both, the
 * options and Handlebars' version: with no helper or partial of ours, these are all it renders by,
 * so data that did not change renders nothing (the chronology's pages: 55 to 70 ms of an edited
 * summary's build, and their text made bytes 30 more).
 */
export async function renderedKept(text: string, data: object, cache?: Pick<PdfCache, 'key' | 'get' | 'put'>): Promise<Buffer> {
  const key = cache && (await cache.key({ template: text, data }, { handlebars: (handlebarsVersion ??= packageVersion('handlebars')), options: OPTIONS }));
  const kept = key && (await cache!.get(key, 'html'));
  if (kept) return kept;
  const bytes = Buffer.from(compiledTemplate(text)(data));
  if (key) await cache!.put(key, bytes, 'html');
  return bytes;
}
