/**
 * One set of generated case records for the sync benchmarks, so both systems carry the
 * same content: realistic field values (Hindi and Latin names, districts weighted by
 * population, Hindi narratives), drawn from a seeded generator so every run sends the
 * same bytes. Owner ids (centre, staff) are filled in per run by `ownedBy`, because each
 * run seeds its own centre.
 */
import { seededRandom } from '../tests/support/seeded-random.ts';
import { caseDetailBlanks, openCaseStatus, type Case } from '../src/domain/case.ts';
import { districts } from '../src/domain/districts.ts';
import { formatUuidv7, uuidv7RandomBytes } from '../src/domain/uuidv7.ts';
import {
  arrivalRoutes,
  educationLevels,
  maritalStatuses,
  occupations,
  perpetratorRelationships,
  riskLevels,
  violenceTypes,
} from '../src/domain/vocabularies-case.ts';
import { referralAgencies } from '../src/domain/vocabularies-entries.ts';

/** A case before it has a centre and a registering user. */
export type CaseRecord = Omit<Case, 'centreId' | 'registeredBy' | 'assignedStaffIds'>;

/** A later correction to one case: the fields a caseworker changes at a follow-up. */
export interface CaseEdit {
  readonly caseIndex: number;
  readonly fields: Pick<Case, 'riskLevel' | 'safetyPlan' | 'status'>;
}

const givenNames = ['सीता', 'गीता', 'रीना', 'पूजा', 'सुनीता', 'रुख़साना', 'मीरा', 'नेहा'];
const familyNames = ['देवी', 'कुमारी', 'यादव', 'वर्मा', 'ख़ातून', 'सिंह', 'मौर्य', 'पाल'];
const latinGiven = ['Priya', 'Anjali', 'Sunita', 'Farzana', 'Kavita', 'Shabnam', 'Rekha'];
const latinFamily = ['Devi', 'Yadav', 'Verma', 'Khatoon', 'Singh', 'Maurya', 'Nishad'];
const narrativeParts = [
  'पति शराब पीकर रोज़ मारपीट करता है।',
  'ससुराल वाले दहेज में मोटरसाइकिल माँग रहे हैं और खाना नहीं देते।',
  'पड़ोसियों ने 181 पर फ़ोन किया, पुलिस उन्हें केंद्र लाई।',
  'बच्चों के साथ घर से निकाल दिया गया, मायके वाले साथ नहीं दे रहे।',
  'फ़ोन पर धमकी भरे संदेश आते हैं, उसने तस्वीरें फैलाने की धमकी दी।',
  'She asked that her parents not be told where she is staying.',
];
const places = ['घर पर', 'ससुराल में', 'खेत के पास', 'बाज़ार में', 'At her workplace'];

export function generateCaseRecords(count: number, seed = 42): CaseRecord[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const codes = <C extends string>(terms: readonly { code: C }[]): C[] => terms.map((t) => t.code);
  const district = weightedPicker(
    districts.map((d) => d.code),
    districts.map((d) => d.populationMillions),
    random,
  );
  return Array.from({ length: count }, (_, i): CaseRecord => {
    const districtCode = district();
    const isLatin = random() < 0.35;
    const name = isLatin
      ? `${pick(latinGiven)} ${pick(latinFamily)}`
      : `${pick(givenNames)} ${pick(familyNames)}`;
    const registeredAt = new Date(Date.UTC(2026, 0, 1) + i * 37 * 60_000).toISOString();
    const narrative = [pick(narrativeParts), pick(narrativeParts), pick(narrativeParts)];
    return {
      // A detail field these records do not fill is "not known yet", as on a real case.
      ...caseDetailBlanks,
      id: caseIdFrom(random, Date.parse(registeredAt)),
      caseNumber: `${districtCode}-2026-K7-${String(i + 1).padStart(4, '0')}`,
      registeredAt,
      arrivalRoute: pick(codes(arrivalRoutes)),
      ...openCaseStatus,
      deleted: false,
      survivorName: name,
      survivorAlias: random() < 0.1 ? pick(givenNames) : null,
      survivorAgeYears: 16 + Math.floor(random() * 45),
      survivorDateOfBirth: null,
      survivorPhone:
        random() < 0.8 ? `9${String(Math.floor(random() * 1e9)).padStart(9, '0')}` : null,
      survivorAddress: `ग्राम ${pick(['रामपुर', 'सिकंदरपुर', 'Bhitauli'])}, पोस्ट ${pick(['मोहनलालगंज', 'Bakshi Ka Talab'])}`,
      survivorDistrictCode: districtCode,
      survivorMaritalStatus: pick(codes(maritalStatuses)),
      survivorEducation: pick(codes(educationLevels)),
      survivorOccupation: pick(codes(occupations)),
      childrenAccompanying: Math.floor(random() * 3),
      incidentDate: registeredAt.slice(0, 10),
      incidentPlace: pick(places),
      violenceTypes: [...new Set([pick(codes(violenceTypes)), pick(codes(violenceTypes))])],
      perpetratorName: isLatin ? `${pick(latinGiven)}'s husband` : `${pick(familyNames)} परिवार`,
      perpetratorRelationship: pick(codes(perpetratorRelationships)),
      incidentNarrative: `घटना का विवरण ${i + 1}: ${narrative.join(' ')}`,
      consentToServices: true,
      consentSharingAgencies: random() < 0.5 ? [pick(codes(referralAgencies))] : [],
      consentToReporting: random() < 0.9,
      consentGivenBy: 'survivor',
      consentGiverName: null,
      consentRecordedAt: registeredAt,
      riskLevel: pick(codes(riskLevels)),
    };
  });
}

/** `count` edits, each to a different case, spread over the whole register. */
export function generateCaseEdits(caseCount: number, count: number): CaseEdit[] {
  return Array.from({ length: count }, (_, i) => ({
    // 7919 is prime and does not divide the bench sizes, so the targets do not repeat.
    caseIndex: (i * 7919) % caseCount,
    fields: {
      riskLevel: 'high',
      safetyPlan: `सुरक्षा योजना ${i + 1}: रात में केंद्र पर रुकेंगी, भाई का नंबर 112 पर दिया गया।`,
      status: 'in_stay',
    },
  }));
}

export function ownedBy(record: CaseRecord, centreId: string, userId: string): Case {
  return { ...record, centreId, registeredBy: userId, assignedStaffIds: [userId] };
}

function weightedPicker<T>(values: readonly T[], weights: readonly number[], random: () => number) {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return (): T => {
    let left = random() * total;
    for (let i = 0; i < values.length; i++) {
      left -= weights[i]!;
      if (left <= 0) return values[i]!;
    }
    return values[values.length - 1]!;
  };
}

/**
 * The case's id as her tablet made it when registering her: a UUIDv7 of that moment
 * (src/domain/uuidv7.ts), so ids sort by registration as a tablet's do. Its random bits
 * come from the seeded generator, so every run sends the same bytes.
 */
function caseIdFrom(random: () => number, registeredMs: number): string {
  const bytes = Uint8Array.from({ length: uuidv7RandomBytes }, () => Math.floor(random() * 256));
  return formatUuidv7(registeredMs, bytes);
}
