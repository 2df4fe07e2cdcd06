/** Handlebars templates compiled once and kept as their precompiled spec: the same output as Handlebars' own compile, strict as it is, from the kept spec as from a new one. */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { writeCheckedSync } from '../pipeline/util/checked-file.js';
import { compiledTemplate, forgetCompiledTemplates, keptTemplate } from '../pipeline/util/templates.js';

const CONTEXT = { title: 'Deportations & <arrests>', items: ['14 June 1941', '25 March 1949'], place: { name: 'Tartu' } };

describe('templates', () => {
  it('render as Handlebars compiles them, from a new spec and from the kept one, strict about missing fields', async () => {
    // A text of its own, so that no other run's kept spec is met.
    const text = `<h1>{{title}}</h1>{{#each items}}<i>{{this}}</i>{{/each}}<p>{{place.name}}</p><!-- ${randomUUID()} -->`;
    const file = keptTemplate(text, Handlebars.VERSION);
    const direct = Handlebars.compile(text, { strict: true });
    const made = compiledTemplate(text);
    expect(existsSync(file)).toBe(true);
    forgetCompiledTemplates();
    const kept = compiledTemplate(text);
    expect(kept).not.toBe(made);
    for (const template of [made, kept]) {
      expect(template(CONTEXT)).toBe(direct(CONTEXT));
      expect(() => template({ ...CONTEXT, place: {} })).toThrow(/"name" not defined/);
    }
    await rm(file);
  });

  it('are made from the kept spec when there is one, and anew when it is damaged', async () => {
    const text = `<p>{{title}}</p><!-- ${randomUUID()} -->`;
    const file = keptTemplate(text, Handlebars.VERSION);
    // Another template's spec under this text's key: what renders shows which was used.
    writeCheckedSync(file, Buffer.from(Handlebars.precompile('<b>kept {{title}}</b>', { strict: true }) as string, 'utf8'));
    forgetCompiledTemplates();
    expect(compiledTemplate(text)(CONTEXT)).toBe('<b>kept Deportations &amp; &lt;arrests&gt;</b>');
    await writeFile(file, (await readFile(file, 'utf8')).replace('kept', 'KEPT'));
    forgetCompiledTemplates();
    expect(compiledTemplate(text)(CONTEXT)).toBe(`<p>Deportations &amp; &lt;arrests&gt;</p>${text.slice(text.indexOf('<!--'))}`);
    await rm(file, { force: true });
  });
});
