/**
 * Her case's details, field by field: the one list of what staff ask and correct.
 *
 * Each field says what it holds (its schema), what staff call it (Hindi and English, in the
 * style of the vocabularies), which intake step asks it, and its limits. The case schema,
 * a new case's blanks, the forms (values, conversions, length checks, intake steps and
 * review) and the conflict labels are all read from here, so a new field is one entry
 * here and one input on the screen that asks it.
 *
 * What must stay true:
 * - A field's schema checks only that field (see case.ts): combinations are case-rules.ts's.
 * - Free text is identifying: staff write names and places into whatever box is at hand,
 *   so every `text` field is sealed at rest and kept from headquarters' views.
 * - A released field's name and meaning never change; a field added later is missing from
 *   cases saved before it, which read as "not known yet" (`caseDetailBlanks`).
 */
import { z } from './zod.ts';
import {
  arrivalRouteSchema,
  consentGiverSchema,
  educationLevelSchema,
  maritalStatusSchema,
  occupationSchema,
  perpetratorRelationshipSchema,
  referralAgencySchema,
  riskLevelSchema,
  violenceTypeSchema,
} from './code-schemas.ts';
import { indianMobileSchema, textSchema, uniqueListOf } from './common-fields.ts';
import { districtCodeSchema, districts } from './districts.ts';
import { calendarDateSchema, instantSchema } from './india-time.ts';
import {
  arrivalRoutes,
  consentGivers,
  educationLevels,
  maritalStatuses,
  occupations,
  perpetratorRelationships,
  riskLevels,
  violenceTypes,
} from './vocabularies-case.ts';
import { referralAgencies } from './vocabularies-entries.ts';
import type { Lang, Vocabulary } from './vocabulary.ts';

/** The intake steps that ask her case's details, in the order intake asks them. */
export const caseDetailSteps = ['arrival', 'survivor', 'incident', 'consent', 'risk'] as const;
export type CaseDetailStep = (typeof caseDetailSteps)[number];

export type FieldLabel = Readonly<Record<Lang, string>>;

interface FieldBasics {
  readonly step: CaseDetailStep;
  /** What the form asks (often a question). */
  readonly label: FieldLabel;
  /** Where a question reads badly (review, conflicts): a noun. Defaults to `label`. */
  readonly shortLabel?: FieldLabel;
  /** Sealed at rest and never in headquarters' views (identifyingCaseFields). */
  readonly isIdentifying: boolean;
}

/** How a field is typed in a form and stored in the record. */
export type CaseFieldSpec = FieldBasics &
  (
    | { readonly kind: 'name'; readonly schema: z.ZodMiniType<string>; readonly maxLength: number }
    | {
        readonly kind: 'text';
        readonly schema: z.ZodMiniType<string | null>;
        readonly maxLength: number;
      }
    | {
        readonly kind: 'wholeNumber';
        readonly schema: z.ZodMiniType<number | null>;
        readonly min: number;
        readonly max: number;
      }
    | {
        readonly kind: 'date' | 'dateTime' | 'phone';
        readonly schema: z.ZodMiniType<string | null>;
      }
    | { readonly kind: 'yesNo'; readonly schema: z.ZodMiniType<boolean | null> }
    | {
        readonly kind: 'code';
        readonly schema: z.ZodMiniType<string | null>;
        readonly vocabulary: Vocabulary;
        /** Stored when the form leaves it blank; null when none is. */
        readonly whenBlank: string | null;
      }
    | {
        readonly kind: 'codes';
        readonly schema: z.ZodMiniType<readonly string[] | null>;
        readonly vocabulary: Vocabulary;
        /** Whether nothing ticked is stored as null ("not asked yet") rather than []. */
        readonly isNullWhenNone: boolean;
      }
  );

export type CaseFieldTable = Readonly<Record<string, CaseFieldSpec>>;

type Options = Partial<Pick<FieldBasics, 'shortLabel' | 'isIdentifying'>>;

function basics(step: CaseDetailStep, label: FieldLabel, options: Options, isIdentifying: boolean) {
  return { step, label, isIdentifying, ...options };
}

/** Free text, null when blank; always identifying (see the header). */
export function textField(
  step: CaseDetailStep,
  label: FieldLabel,
  maxLength: number,
  options: Options = {},
) {
  const schema = z.nullable(textSchema(maxLength));
  return { kind: 'text', schema, maxLength, ...basics(step, label, options, true) } as const;
}

export function wholeNumberField(
  step: CaseDetailStep,
  label: FieldLabel,
  [min, max]: readonly [number, number],
  options: Options = {},
) {
  const schema = z.nullable(z.int().check(z.minimum(min), z.maximum(max)));
  return { kind: 'wholeNumber', schema, min, max, ...basics(step, label, options, false) } as const;
}

export function codeField<const V extends Vocabulary, S extends z.ZodMiniType<string | null>>(
  step: CaseDetailStep,
  label: FieldLabel,
  vocabulary: V,
  schema: S,
  options: Options & { readonly whenBlank?: V[number]['code'] } = {},
) {
  const { whenBlank = null, ...rest } = options;
  return {
    kind: 'code',
    schema,
    vocabulary,
    whenBlank,
    ...basics(step, label, rest, false),
  } as const;
}

export function codesField<
  const V extends Vocabulary,
  S extends z.ZodMiniType<readonly string[] | null>,
>(
  step: CaseDetailStep,
  label: FieldLabel,
  vocabulary: V,
  schema: S,
  options: Options & { readonly isNullWhenNone: boolean },
) {
  const { isNullWhenNone, ...rest } = options;
  return {
    kind: 'codes',
    schema,
    vocabulary,
    isNullWhenNone,
    ...basics(step, label, rest, false),
  } as const;
}

function otherField<K extends 'date' | 'dateTime' | 'phone' | 'yesNo', S extends z.ZodMiniType>(
  kind: K,
  schema: S,
  step: CaseDetailStep,
  label: FieldLabel,
  options: Options = {},
) {
  return { kind, schema, ...basics(step, label, options, false) } as const;
}

const shortText = 200;
const longText = 20_000;

export const caseDetailFields = {
  arrivalRoute: codeField(
    'arrival',
    { hi: 'वे केंद्र तक कैसे पहुंचीं?', en: 'How did she reach the centre?' },
    arrivalRoutes,
    arrivalRouteSchema,
    { whenBlank: 'other', shortLabel: { hi: 'आगमन', en: 'Arrival' } },
  ),

  /** As she gives it, in either script. */
  survivorName: {
    kind: 'name',
    schema: textSchema(shortText),
    maxLength: shortText,
    ...basics('survivor', { hi: 'नाम', en: 'Name' }, {}, true),
  },
  /** Another name she is known by, or the name she wants used at the centre. */
  survivorAlias: textField(
    'survivor',
    { hi: 'दूसरा नाम / उर्फ़', en: 'Other name / alias' },
    shortText,
  ),
  /**
   * Age in whole years as she (or whoever brought her) gave it at registration; it does not
   * grow with time. Prefer survivorDateOfBirth when known (see survivorAgeOn).
   */
  survivorAgeYears: wholeNumberField('survivor', { hi: 'उम्र (वर्ष)', en: 'Age (years)' }, [0, 120]),
  /** Calendar date, India time. */
  survivorDateOfBirth: otherField(
    'date',
    z.nullable(calendarDateSchema),
    'survivor',
    { hi: 'जन्म तिथि', en: 'Date of birth' },
    { isIdentifying: true },
  ),
  /** Stored form: 10 digits, no +91 (normalizeIndianMobile turns typed input into this). */
  survivorPhone: otherField(
    'phone',
    z.nullable(indianMobileSchema),
    'survivor',
    { hi: 'मोबाइल नंबर', en: 'Mobile number' },
    { isIdentifying: true },
  ),
  survivorAddress: textField('survivor', { hi: 'पता', en: 'Address' }, 500),
  /** The district she lives in; null if outside Uttar Pradesh or not known. */
  survivorDistrictCode: codeField(
    'survivor',
    { hi: 'जनपद', en: 'District' },
    districts,
    z.nullable(districtCodeSchema),
  ),
  survivorMaritalStatus: codeField(
    'survivor',
    { hi: 'वैवाहिक स्थिति', en: 'Marital status' },
    maritalStatuses,
    z.nullable(maritalStatusSchema),
  ),
  survivorEducation: codeField(
    'survivor',
    { hi: 'शिक्षा', en: 'Education' },
    educationLevels,
    z.nullable(educationLevelSchema),
  ),
  survivorOccupation: codeField(
    'survivor',
    { hi: 'व्यवसाय', en: 'Occupation' },
    occupations,
    z.nullable(occupationSchema),
  ),
  /** Her disability in staff's words; null when she has none or it is not recorded. */
  survivorDisability: textField(
    'survivor',
    { hi: 'दिव्यांगता (यदि कोई हो)', en: 'Disability (if any)' },
    shortText,
  ),
  /** Her children who came to the centre with her (they may stay with her). */
  childrenAccompanying: wholeNumberField(
    'survivor',
    { hi: 'साथ आए बच्चों की संख्या', en: 'Children who came with her' },
    [0, 20],
  ),

  /** Calendar date, India time; of the latest incident when violence is ongoing. */
  incidentDate: otherField('date', z.nullable(calendarDateSchema), 'incident', {
    hi: 'घटना की तिथि',
    en: 'Date of the incident',
  }),
  incidentPlace: textField(
    'incident',
    { hi: 'घटना का स्थान', en: 'Place of the incident' },
    shortText,
  ),
  /** At least one when recorded; null until asked. */
  violenceTypes: codesField(
    'incident',
    { hi: 'हिंसा का प्रकार (एक या अधिक चुनें)', en: 'Kind of violence (choose one or more)' },
    violenceTypes,
    z.nullable(uniqueListOf(violenceTypeSchema).check(z.minLength(1))),
    { isNullWhenNone: true, shortLabel: { hi: 'हिंसा', en: 'Violence' } },
  ),
  perpetratorName: textField(
    'incident',
    { hi: 'हिंसा करने वाले का नाम', en: 'Name of the person who did it' },
    shortText,
  ),
  perpetratorRelationship: codeField(
    'incident',
    { hi: 'पीड़िता से उसका संबंध', en: 'His or her relation to the survivor' },
    perpetratorRelationships,
    z.nullable(perpetratorRelationshipSchema),
  ),
  /**
   * The relation in her words where the list is too coarse ("husband's elder brother",
   * "mother's employer"): who exactly matters for police help and her safety plan.
   */
  perpetratorRelationshipDetail: textField(
    'incident',
    {
      hi: 'संबंध का ब्योरा (जैसे पति का बड़ा भाई)',
      en: "Relation in detail (e.g. husband's elder brother)",
    },
    100,
    { shortLabel: { hi: 'संबंध का ब्योरा', en: 'Relation in detail' } },
  ),
  /** Her account, as she told it. */
  incidentNarrative: textField(
    'incident',
    { hi: 'घटना का विवरण (उनके शब्दों में)', en: 'What happened (in her words)' },
    longText,
  ),

  /** null: not asked yet; false: she refused services (the centre still records the case). */
  consentToServices: otherField('yesNo', z.nullable(z.boolean()), 'consent', {
    hi: 'क्या उन्होंने केंद्र की सेवाएं लेने की सहमति दी?',
    en: "Did she consent to the centre's services?",
  }),
  /** The agencies she agreed her case may be shared with; empty until she agrees to any. */
  consentSharingAgencies: codesField(
    'consent',
    {
      hi: 'किन एजेंसियों से उनकी जानकारी साझा की जा सकती है?',
      en: 'Which agencies may her information be shared with?',
    },
    referralAgencies,
    uniqueListOf(referralAgencySchema),
    { isNullWhenNone: false },
  ),
  /** Whether her case may be counted in de-identified reports to headquarters. */
  consentToReporting: otherField('yesNo', z.nullable(z.boolean()), 'consent', {
    hi: 'क्या उनका मामला बिना पहचान के (नाम-पता हटाकर) रिपोर्ट में गिना जा सकता है?',
    en: 'May her case be counted in de-identified reports (no name or address)?',
  }),
  consentGivenBy: codeField(
    'consent',
    { hi: 'सहमति किसने दी?', en: 'Who gave the consent?' },
    consentGivers,
    z.nullable(consentGiverSchema),
  ),
  /** Needed when someone other than she gave consent. */
  consentGiverName: textField(
    'consent',
    { hi: 'सहमति देने वाले का नाम', en: 'Name of the person who gave consent' },
    shortText,
  ),
  consentRecordedAt: otherField('dateTime', z.nullable(instantSchema), 'consent', {
    hi: 'सहमति कब ली गई',
    en: 'When the consent was taken',
  }),

  riskLevel: codeField(
    'risk',
    { hi: 'जोखिम का स्तर', en: 'Risk level' },
    riskLevels,
    z.nullable(riskLevelSchema),
  ),
  safetyPlan: textField(
    'risk',
    { hi: 'सुरक्षा योजना और तुरंत की ज़रूरतें', en: 'Safety plan and immediate needs' },
    longText,
    { shortLabel: { hi: 'सुरक्षा योजना', en: 'Safety plan' } },
  ),
} as const satisfies CaseFieldTable;

export type CaseDetailField = keyof typeof caseDetailFields;

/** The record schemas of a table's fields, for a record schema to spread. */
export function shapeOf<T extends CaseFieldTable>(table: T): { [F in keyof T]: T[F]['schema'] } {
  return Object.fromEntries(Object.entries(table).map(([field, spec]) => [field, spec.schema])) as {
    [F in keyof T]: T[F]['schema'];
  };
}

/** The stored "not known yet" of a field: null, or [] for a list that is never null. */
export function blankOf(spec: CaseFieldSpec): null | readonly [] | undefined {
  if (spec.kind === 'codes') return spec.isNullWhenNone ? null : [];
  if (spec.kind === 'name' || (spec.kind === 'code' && spec.whenBlank !== null)) return undefined;
  return null;
}

/** Every field of a table that may be "not known yet", with that value. */
export function blanksOf(table: CaseFieldTable): Readonly<Record<string, null | readonly []>> {
  return Object.fromEntries(
    Object.entries(table).flatMap(([field, spec]) => {
      const blank = blankOf(spec);
      return blank === undefined ? [] : [[field, blank]];
    }),
  );
}

/** The fields each intake step asks, in table order. */
export function fieldsByStep<T extends CaseFieldTable>(
  table: T,
): Record<CaseDetailStep, (keyof T & string)[]> {
  const byStep: Record<CaseDetailStep, (keyof T & string)[]> = {
    arrival: [],
    survivor: [],
    incident: [],
    consent: [],
    risk: [],
  };
  for (const field of Object.keys(table) as (keyof T & string)[]) {
    byStep[table[field]!.step].push(field);
  }
  return byStep;
}

/** The labels lists show (review, conflicts): the short one where the form asks a question. */
export function shortLabelsOf(table: CaseFieldTable): Readonly<Record<string, FieldLabel>> {
  return Object.fromEntries(
    Object.entries(table).map(([field, spec]) => [field, spec.shortLabel ?? spec.label]),
  );
}

/** The form labels in one language, keyed by field, for the message bundles. */
export function caseFieldLabelsIn(lang: Lang): Record<CaseDetailField, string> {
  return Object.fromEntries(
    Object.entries(caseDetailFields).map(([field, spec]) => [field, spec.label[lang]]),
  ) as Record<CaseDetailField, string>;
}
