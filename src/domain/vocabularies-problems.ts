/**
 * What the cross-field rules (checkCaseRules, checkStayRules, checkServiceRules) can
 * find, with the message a person sees. Each message says what to do, in both languages.
 */
import type { CodeOf, VocabularyTerm } from './vocabulary.ts';

/** One thing a rule found: `field` is where a form should show the message. */
export interface RuleProblem<Code extends string, Field extends string> {
  readonly code: Code;
  readonly field: Field;
}

export const caseProblems = [
  {
    code: 'closure_reason_missing',
    hi: 'मामला बंद करने का कारण चुनें।',
    en: 'Choose why the case is being closed.',
  },
  {
    code: 'closure_note_missing',
    hi: 'कारण "अन्य" है, तो उसका विवरण लिखें।',
    en: 'The reason is "Other": describe it.',
  },
  {
    code: 'closure_approval_missing',
    hi: 'मामला बंद करने के लिए केंद्र प्रबंधक की स्वीकृति दर्ज करें।',
    en: "Record the centre manager's approval to close the case.",
  },
  {
    code: 'closure_approval_incomplete',
    hi: 'स्वीकृति किसने दी और कब, दोनों दर्ज करें।',
    en: 'Record both who approved the closure and when.',
  },
  {
    code: 'closure_approval_on_open_case',
    hi: 'मामला बंद नहीं है, पर बंद करने की स्वीकृति दर्ज है। स्वीकृति हटाएं या मामला बंद करें।',
    en: 'The case is not closed but has a closure approval. Remove the approval or close it.',
  },
  {
    code: 'date_of_birth_in_future',
    hi: 'जन्म तिथि आज के बाद की नहीं हो सकती।',
    en: 'The date of birth cannot be after today.',
  },
  {
    code: 'incident_date_in_future',
    hi: 'घटना की तिथि आज के बाद की नहीं हो सकती।',
    en: 'The incident date cannot be after today.',
  },
  {
    code: 'incident_before_birth',
    hi: 'घटना की तिथि जन्म तिथि से पहले है। दोनों तिथियां जांचें।',
    en: 'The incident date is before the date of birth. Check both dates.',
  },
  {
    code: 'age_disagrees_with_date_of_birth',
    hi: 'बताई गई उम्र जन्म तिथि से मेल नहीं खाती। दोनों जांचें।',
    en: 'The age she gave does not match the date of birth. Check both.',
  },
  {
    code: 'sharing_without_service_consent',
    hi: 'किसी एजेंसी से जानकारी साझा करने से पहले सेवाओं के लिए उनकी सहमति दर्ज करें।',
    en: 'Record her consent to services before sharing with any agency.',
  },
  {
    code: 'consent_giver_missing',
    hi: 'सहमति किसने दी, यह दर्ज करें।',
    en: 'Record who gave the consent.',
  },
  {
    code: 'consent_giver_name_missing',
    hi: 'सहमति देने वाले व्यक्ति का नाम लिखें।',
    en: 'Write the name of the person who gave consent.',
  },
  {
    code: 'consent_time_missing',
    hi: 'सहमति कब ली गई, यह दर्ज करें।',
    en: 'Record when the consent was taken.',
  },
  {
    code: 'minor_consent_needs_guardian',
    hi: '18 वर्ष से कम आयु की बालिका के लिए सहमति माता-पिता, अभिभावक या बाल कल्याण समिति से लें।',
    en: 'For a girl under 18, take consent from a parent, guardian or the Child Welfare Committee.',
  },
] as const satisfies readonly VocabularyTerm[];

export type CaseProblemCode = CodeOf<typeof caseProblems>;

export const stayProblems = [
  {
    code: 'planned_discharge_before_admission',
    hi: 'छुट्टी की प्रस्तावित तिथि प्रवेश की तिथि से पहले है।',
    en: 'The planned discharge date is before the admission.',
  },
  {
    code: 'stay_beyond_limit_without_reason',
    hi: 'अल्प प्रवास 5 दिन तक का होता है। इससे अधिक के लिए कारण लिखें।',
    en: 'A short stay is up to 5 days. Write the reason for a longer stay.',
  },
  {
    code: 'extension_without_reason',
    hi: 'प्रवास बढ़ाने का कारण लिखें।',
    en: 'Write the reason for extending the stay.',
  },
  {
    code: 'extension_not_after_planned_discharge',
    hi: 'बढ़ाई गई तिथि, छुट्टी की प्रस्तावित तिथि के बाद की होनी चाहिए।',
    en: 'The extended date must be after the planned discharge date.',
  },
  {
    code: 'discharged_before_admission',
    hi: 'छुट्टी का समय प्रवेश के समय से पहले है।',
    en: 'The discharge time is before the admission.',
  },
  {
    code: 'discharge_destination_missing',
    hi: 'छुट्टी के बाद वे कहां गईं, यह दर्ज करें।',
    en: 'Record where she went on discharge.',
  },
  {
    code: 'discharge_time_missing',
    hi: 'छुट्टी का समय दर्ज करें।',
    en: 'Record the time of discharge.',
  },
] as const satisfies readonly VocabularyTerm[];

export type StayProblemCode = CodeOf<typeof stayProblems>;

export const serviceProblems = [
  {
    code: 'field_not_for_service_kind',
    hi: 'यह जानकारी इस प्रकार की सेवा के लिए नहीं है। इसे हटाएं या सेवा का प्रकार बदलें।',
    en: 'This detail does not belong to this kind of service. Remove it or change the kind.',
  },
] as const satisfies readonly VocabularyTerm[];

export type ServiceProblemCode = CodeOf<typeof serviceProblems>;
