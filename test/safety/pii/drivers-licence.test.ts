import { describe, expect, it } from 'vitest';
import { findDriversLicences } from '../../../src/safety/pii/drivers-licence.js';

const found = (text: string) => findDriversLicences(text).map((s) => [s.text, s.confidence]);

describe('findDriversLicences', () => {
  it('finds numbers right after a licence cue, in several formats', () => {
    expect(found("Driver's license number: D1234567")).toEqual([['D1234567', 0.85]]);
    expect(found('driving licence MORGA657054SM9IJ was suspended')).toEqual([['MORGA657054SM9IJ', 0.85]]);
    expect(found('DL# S123-456-78-901-0')).toEqual([['S123-456-78-901-0', 0.85]]);
    expect(found('driver license is 123 456 789, valid')).toEqual([['123 456 789', 0.85]]);
    expect(found('Driving licence no. MH12 20110012345')).toEqual([['MH12 20110012345', 0.85]]);
  });
  it('finds the UK 16-character number without a cue when its date fits', () => {
    expect(found('Holder MORGA657054SM9IJ')).toEqual([['MORGA657054SM9IJ', 0.7]]);
    expect(found('Holder SMITH 761235 J99AB')).toEqual([['SMITH 761235 J99AB', 0.7]]); // month 61: November, +50 for women
    expect(found('Holder MORGA613054SM9IJ and MORGA657354SM9IJ')).toEqual([]); // month 13, day 35
    expect(found('Order MORGA657054SM9IJ')).toEqual([['MORGA657054SM9IJ', 0.2]]);
  });
  it('needs the cue right before, and a number-like value', () => {
    expect(found("My driver's licence test is on 12 May.")).toEqual([]);
    expect(found('DL reservations opened at 9am; ref D1234567')).toEqual([]);
    expect(found('driving licence fee 43')).toEqual([]);
    expect(found('Version 10.4 of the printer driver, ticket D1234567')).toEqual([]);
  });
});
