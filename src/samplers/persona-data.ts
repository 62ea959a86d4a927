/**
 * Built-in persona data. The default locale is Singapore public-sector users: the people who use
 * government services there, so adult residents of every age, in work or not.
 *
 * Weights are relative (they need not sum to 100) and approximate: figures are rounded shares
 * from the official sources named on each field, good enough to make a synthetic population look
 * like the real one, not to do statistics with. Check the current edition of each source before
 * relying on the numbers, and use a recipe's `overrides` to replace any field.
 *
 * Everything here is frozen: it is shared by every recipe in the process, so nothing may edit it.
 */

export const PERSONA_FIELD_NAMES = ['age_band', 'gender', 'occupation', 'region', 'language'] as const;
export type PersonaField = (typeof PERSONA_FIELD_NAMES)[number];

export interface PersonaFieldData {
  /** What the field means, for docs and the studio. */
  readonly description: string;
  readonly values: readonly string[];
  /** One relative weight per value; absent means every value is equally likely. */
  readonly weights?: readonly number[];
  /** Where the values and weights come from. */
  readonly source: string;
}

/**
 * Occupations grouped loosely after the major groups of the Singapore Standard Occupational
 * Classification (SSOC 2020, Department of Statistics Singapore), plus people outside the labour
 * force, who use public services as much as anyone. The list is illustrative, not a census: the
 * occupation field draws uniformly from it, without employment-share weights.
 */
export const OCCUPATION_GROUPS: Readonly<Record<string, readonly string[]>> = deepFreeze({
  'Managers and administrators': ['operations manager', 'small business owner', 'IT manager', 'public service director'],
  Professionals: ['software engineer', 'accountant', 'secondary school teacher', 'doctor', 'lawyer', 'civil engineer', 'pharmacist', 'registered nurse'],
  'Associate professionals and technicians': [
    'police officer',
    'IT support technician',
    'real estate agent',
    'insurance agent',
    'laboratory technician',
    'preschool teacher',
  ],
  'Clerical support workers': ['administrative assistant', 'customer service officer', 'bank teller', 'receptionist'],
  'Service and sales workers': ['retail sales assistant', 'food and beverage server', 'hawker', 'hairdresser', 'security officer'],
  'Craftsmen and related trades workers': ['electrician', 'plumber', 'air-conditioning technician', 'motor vehicle mechanic'],
  'Plant and machine operators and assemblers': ['bus driver', 'private-hire car driver', 'forklift operator'],
  'Cleaners, labourers and related workers': ['cleaner', 'kitchen assistant', 'food delivery rider'],
  'Not in the labour force': ['student', 'full-time national serviceman', 'homemaker', 'retiree', 'job seeker'],
});

export const PERSONA_FIELDS: Readonly<Record<PersonaField, PersonaFieldData>> = deepFreeze({
  age_band: {
    description: 'Age band of an adult resident.',
    values: ['18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+'],
    // Percent of residents aged 18 and over, from the five-year age groups of the resident
    // population (18-19 taken as two fifths of 15-19), rounded to whole percent.
    weights: [9, 17, 18, 17, 17, 14, 8],
    source:
      'Department of Statistics Singapore (SingStat), Population Trends (2023 and 2024 editions): resident population by age group; approximate shares of residents aged 18+.',
  },
  gender: {
    description: 'Gender.',
    values: ['female', 'male'],
    // The resident sex ratio is about 956 males per 1,000 females, i.e. about 51% female.
    weights: [51, 49],
    source: 'SingStat, Population Trends (2023 and 2024 editions): sex ratio of the resident population; approximate.',
  },
  occupation: {
    description: 'Occupation or, for people outside the labour force, what they do.',
    values: Object.values(OCCUPATION_GROUPS).flat(),
    source:
      'Illustrative list grouped after the major groups of the Singapore Standard Occupational Classification (SSOC 2020); drawn uniformly, not weighted by employment.',
  },
  region: {
    description: 'URA planning region of residence.',
    values: ['Central', 'East', 'North', 'North-East', 'West'],
    weights: [22, 17, 14, 24, 23],
    source:
      'Regions: the five planning regions of the URA Master Plan. Weights: SingStat, Singapore Residents by Planning Area / Subzone (June 2023 and 2024), summed by region; approximate shares.',
  },
  language: {
    description: 'Language most frequently spoken at home.',
    values: ['English', 'Mandarin', 'Malay', 'Tamil'],
    // Census 2020 shares (residents aged 5+): English 48.3%, Mandarin 29.9%, Malay 9.2%,
    // Tamil 2.5%. Chinese dialects (8.7%) and other languages are left out; the weights are
    // relative, so the four shares are in effect renormalised (about 54/33/10/3).
    weights: [48.3, 29.9, 9.2, 2.5],
    source:
      'SingStat, Census of Population 2020, Statistical Release 1: resident population aged 5 years and over by language most frequently spoken at home; approximate shares, dialects and others excluded.',
  },
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
