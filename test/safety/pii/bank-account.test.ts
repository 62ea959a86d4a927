import { describe, expect, it } from 'vitest';
import { findBankAccounts } from '../../../src/safety/pii/bank-account.js';

const found = (text: string) => findBankAccounts(text).map((s) => [s.text, s.confidence]);

describe('findBankAccounts', () => {
  it('finds numbers after a bank-account phrase', () => {
    expect(found('Please pay into my savings account 123-456789-0.')).toEqual([['123-456789-0', 0.85]]);
    expect(found('Bank account no.: 0123 4567 89')).toEqual([['0123 4567 89', 0.85]]);
    expect(found('current a/c 12345678')).toEqual([['12345678', 0.85]]);
  });
  it('finds a plain account number only with a banking word nearby', () => {
    expect(found('Sort code 20-00-00, account number 12345678.')).toEqual([['12345678', 0.8]]);
    expect(found('Pay to account 12345678 at Barclays')).toEqual([['12345678', 0.8]]);
    expect(found('Account number 12345678 for your gas bill')).toEqual([]);
    expect(found('Account no. 020 7946 0958 was closed.')).toEqual([]);
  });
  it('does not report amounts, short numbers or numbers away from the cue', () => {
    expect(found('Your bank account balance is 1234.56 dollars')).toEqual([]);
    expect(found('bank account 1234567.89 and savings account 12345')).toEqual([]);
    expect(found('I opened a bank account in 2019 with 1500000 in it')).toEqual([]);
  });
});
