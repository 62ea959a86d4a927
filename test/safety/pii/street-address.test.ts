import { describe, expect, it } from 'vitest';
import { findStreetAddresses } from '../../../src/safety/pii/street-address.js';

const texts = (text: string) => findStreetAddresses(text).map((s) => s.text);

describe('findStreetAddresses', () => {
  it('finds a full Singapore HDB address', () => {
    expect(texts('I live at Blk 123 Ang Mo Kio Ave 3 #12-34 Singapore 560123 now.')).toEqual(['Blk 123 Ang Mo Kio Ave 3 #12-34 Singapore 560123']);
    expect(texts('Block 45A, Jurong West St 42, #03-110')).toEqual(['Block 45A, Jurong West St 42, #03-110']);
  });
  it('finds numbered streets', () => {
    expect(texts('Send it to 123 Main Street, please.')).toEqual(['123 Main Street']);
    expect(findStreetAddresses('10 Anson Road #05-01 Singapore 079903')[0]).toMatchObject({ text: '10 Anson Road #05-01 Singapore 079903', confidence: 0.9 });
  });
  it('finds postal codes only with context', () => {
    expect(texts('Postal code: 560123; S(048619); Singapore 238823')).toEqual(['Postal code: 560123', 'S(048619)', 'Singapore 238823']);
    expect(texts('Reference 560123 and 3 apples')).toEqual([]);
  });
});
