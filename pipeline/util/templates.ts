/**
 * Handlebars templates compiled once per text. Handlebars compiles a template on its first render,
 * and a build compiled each anew: in watch mode, where every save renders the same templates, that
 * was about a tenth of a second of the chronology's step alone. No helper or partial is registered,
 * so a template's text and the options below decide what it renders.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** Loaded at the first template (about 40 ms), so that `npm run validate`, which renders none, does not load it. */
let handlebars: typeof import('handlebars') | undefined;

const compiled = new Map<string, HandlebarsTemplateDelegate>();

export function compiledTemplate(text: string): HandlebarsTemplateDelegate {
  let template = compiled.get(text);
  if (!template) compiled.set(text, (template = (handlebars ??= require('handlebars') as typeof import('handlebars')).compile(text, { strict: true })));
  return template;
}
