import { describe, expect, it } from 'vitest';
import { findMyKads, isPlausibleMyKad } from '../../../src/safety/pii/my-mykad.js';

const found = (text: string) => findMyKads(text).map((s) => [s.text, s.confidence]);

describe('isPlausibleMyKad', () => {
  it('checks the birth date and the place-of-birth code', () => {
    expect(isPlausibleMyKad('880101-14-5566')).toBe(true);
    expect(isPlausibleMyKad('000229-71-0001')).toBe(true); // 29 February, foreign-born code 71
    expect(isPlausibleMyKad('881301-14-5566')).toBe(false); // month 13
    expect(isPlausibleMyKad('880230-14-5566')).toBe(false); // 30 February
    expect(isPlausibleMyKad('880101-00-5566')).toBe(false); // place code 00
    expect(isPlausibleMyKad('880101-17-5566')).toBe(false); // 17-20 are not issued
  });
});

describe('findMyKads', () => {
  it('finds dashed numbers alone and any form after an IC cue', () => {
    expect(found('IC: 880101-14-5566 please verify')).toEqual([['880101-14-5566', 0.95]]);
    expect(found('No. kad pengenalan saya 920315101234.')).toEqual([['920315101234', 0.95]]);
    expect(found('my ic no 880101 14 5566')).toEqual([['880101 14 5566', 0.95]]);
    expect(found('Applicant 750823-08-5521 submitted late')).toEqual([['750823-08-5521', 0.85]]);
  });
  it('reports a cued number with an impossible date or place code lower', () => {
    expect(found('MyKad: 881301-14-5566')).toEqual([['881301-14-5566', 0.6]]);
  });
  it('does not report solid uncued runs, references, impossible numbers or longer runs', () => {
    expect(found('Total 880101145566 and batch 880101 14 5566')).toEqual([]);
    expect(found('Invoice 880101-14-5566 is due')).toEqual([['880101-14-5566', 0.2]]);
    expect(found('Code 881301-14-5566 and 880101-18-5566')).toEqual([]);
    expect(found('Ref 1880101-14-5566 or 880101-14-55667, card 4111 880101-14-5566')).toEqual([]);
    expect(found('IC 000000-00-0000')).toEqual([]);
  });
});
