/** Titles and summaries in our own words: a run of six of the quote's words is a copy. */
import { describe, expect, it } from 'vitest';
import { sharedRun } from '../pipeline/validate/own-words.js';

describe('sharedRun', () => {
  it('finds the longest run of six or more words, ignoring case and punctuation', () => {
    expect(sharedRun('Latvia -- was incorporated into the Soviet Union, in August.', '"Latvia was incorporated into the Soviet Union"')).toEqual(['latvia', 'was', 'incorporated', 'into', 'the', 'soviet', 'union']);
    expect(sharedRun('Trėmimai: prasidėjo naktį iš birželio 13 į 14', 'trėmimai prasidėjo naktį iš birželio 13')).toHaveLength(6);
  });

  it('lets five shared words pass, and words shared out of order', () => {
    expect(sharedRun('The Soviet Union and Nazi signed', 'the Soviet Union and Nazi Germany')).toBeUndefined();
    expect(sharedRun('union soviet the and nazi germany', 'the soviet union and nazi germany')).toBeUndefined();
  });
});
