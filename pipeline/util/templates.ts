/**
 * Handlebars templates compiled once per text. Handlebars compiles a template on its first render,
 * and a build compiled each anew: in watch mode, where every save renders the same templates, that
 * was about a tenth of a second of the chronology's step alone. No helper or partial is registered,
 * so a template's text and the options below decide what it renders.
 */
import Handlebars from 'handlebars';

const compiled = new Map<string, HandlebarsTemplateDelegate>();

export function compiledTemplate(text: string): HandlebarsTemplateDelegate {
  let template = compiled.get(text);
  if (!template) compiled.set(text, (template = Handlebars.compile(text, { strict: true })));
  return template;
}
