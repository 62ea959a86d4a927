/** The content filter: categories, obfuscation undone, and no Scunthorpe problem. */
import { describe, expect, it } from 'vitest';
import { screenContent } from '../../../src/safety/content/screen-content.js';

describe('screenContent', () => {
  it('sorts findings into categories', () => {
    expect(screenContent('This is bullshit.').categories).toEqual(['profanity']);
    expect(screenContent('They called him a chink.').categories).toEqual(['slur']);
    expect(screenContent('Send me porn.').categories).toEqual(['sexual']);
    expect(screenContent('You are a worthless idiot.').categories).toEqual(['harassment']);
    expect(screenContent('I will find you and hurt you.').findings).toEqual([{ category: 'harassment', term: 'threat' }]);
  });

  it('reads through spacing, look-alikes and zero-width characters', () => {
    for (const text of ['f u c k this council', 'ѕhіt service', 'f\u200bu\u200bc\u200bk off', 'sh1t']) {
      expect(screenContent(text).categories, text).toContain('profanity');
    }
  });

  it('leaves ordinary text alone, including words that contain a listed one', () => {
    for (const text of [
      'Scunthorpe council approved the plan.',
      'The assassin in the novel was caught.',
      'The bus was late and the service is terrible.',
      'Class sizes are too large.',
    ]) {
      expect(screenContent(text).flagged, text).toBe(false);
    }
  });

  it('flags only the categories asked for', () => {
    expect(screenContent('This is bullshit.', { categories: ['harassment'] }).flagged).toBe(false);
    expect(screenContent('You are an idiot and this is bullshit', { categories: ['harassment'] }).categories).toEqual(['harassment']);
  });
});
