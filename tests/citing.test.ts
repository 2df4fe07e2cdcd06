/** Editors' prose as the report prints it: a source's id becomes its numbered note, written as a sentence needs it. */
import { describe, expect, it } from 'vitest';
import type { SourceRow } from '../pipeline/model.js';
import { Citing } from '../pipeline/report/citing.js';
import { Notes } from '../pipeline/report/notes.js';

const source = (id: string): SourceRow => ({ id, kind: 'press', title: id, author: null, publisher: 'P', published: null, url: null, accessed: '2026-11-27', language: 'en', reliability: 2, note: null, derived_from: null, evidence: 'retelling' });

describe('ids in editors prose', () => {
  const citing = () => {
    const sources = new Map(['deporg', 'pohl', 'when'].map((id) => [id, source(id)]));
    return new Citing(new Notes(sources), sources, new Set(['when']));
  };

  it('become numbered notes, in order of first citation', () => {
    expect(citing().prose('Kruglov (pohl, p. 74) and deporg give it; when (when) read it.')).toBe('Kruglov (note 1, p. 74) and note 2 give it; when (note 3) read it.');
  });

  it('write "Note" where the note opens the text or a sentence', () => {
    expect(citing().prose("deporg's 94,779 counts once. pohl agrees! deporg too? pohl")).toBe("Note 1's 94,779 counts once. Note 2 agrees! Note 1 too? Note 2");
    // Mid-sentence, inside parentheses and after an abbreviation it stays in lower case.
    expect(citing().prose('as in deporg; see pohl')).toBe('as in note 1; see note 2');
    expect(citing().prose('Two counts. (deporg, p. 3) agree; cf. pohl, p. deporg.')).toBe('Two counts. (note 1, p. 3) agree; cf. note 2, p. note 1.');
  });

  it('leave a host name or a path alone, even where it begins with an id', () => {
    // The shipped rulings name pages by their hosts: "a copy on piglix.com (piglix)" printed "a copy on note 44.com".
    expect(citing().prose('read through a copy on pohl.com (pohl); see deporg.md, www.when.org/deporg/ and (deporg).')).toBe('read through a copy on pohl.com (note 1); see deporg.md, www.when.org/deporg/ and (note 2).');
    // A full stop after an id still ends its sentence.
    expect(citing().prose('As deporg. Then pohl.')).toBe('As note 1. Then note 2.');
  });

  it('never capitalise a locator, nor words that are not ids', () => {
    // A locator follows a comma ("[3] Title, note 2"): it opens no sentence, and its own "note 1" (a footnote of the source) is not ours.
    expect(citing().prose('deporg, par. 2', false)).toBe('note 1, par. 2');
    expect(citing().prose('note 1', false)).toBe('note 1');
    expect(citing().prose('Seen. note 1 of the page.')).toBe('Seen. note 1 of the page.');
  });
});
