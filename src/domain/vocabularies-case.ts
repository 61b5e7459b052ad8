/**
 * Vocabularies of the case record: how she arrived, who she is, what happened, and how
 * the case ends. Hindi as the UP government's notices about the centres word it, in the
 * plainer form staff say aloud where the two differ (see shared glossary).
 */
import type { VocabularyTerm } from './vocabulary.ts';

export const arrivalRoutes = [
  { code: 'walk_in', hi: 'स्वयं केंद्र पर आईं', en: 'Walked in herself' },
  { code: 'helpline_181', hi: '181 महिला हेल्पलाइन', en: '181 women helpline' },
  { code: 'helpline_112', hi: '112 आपातकालीन सेवा', en: '112 emergency service' },
  { code: 'police', hi: 'पुलिस द्वारा', en: 'Police' },
  { code: 'hospital', hi: 'अस्पताल द्वारा', en: 'Hospital' },
  { code: 'ngo', hi: 'स्वयंसेवी संस्था (एनजीओ) द्वारा', en: 'NGO' },
  { code: 'family', hi: 'परिवार या परिचित द्वारा', en: 'Family or acquaintance' },
  { code: 'rescue', hi: 'रेस्क्यू (बचाव) करके लाई गईं', en: 'Rescued' },
  { code: 'court', hi: 'न्यायालय द्वारा', en: 'Court' },
  { code: 'other_centre', hi: 'दूसरे वन स्टॉप सेंटर से', en: 'Another One Stop Centre' },
  { code: 'other_department', hi: 'दूसरे विभाग द्वारा', en: 'Another department' },
  { code: 'other', hi: 'अन्य', en: 'Other' },
] as const satisfies readonly VocabularyTerm[];

export const violenceTypes = [
  { code: 'physical', hi: 'शारीरिक हिंसा', en: 'Physical violence' },
  { code: 'sexual', hi: 'यौन हिंसा', en: 'Sexual violence' },
  { code: 'rape', hi: 'दुष्कर्म (बलात्कार)', en: 'Rape' },
  { code: 'sexual_harassment', hi: 'यौन उत्पीड़न', en: 'Sexual harassment' },
  { code: 'domestic_violence', hi: 'घरेलू हिंसा', en: 'Domestic violence' },
  { code: 'dowry', hi: 'दहेज उत्पीड़न', en: 'Dowry harassment' },
  { code: 'psychological', hi: 'मानसिक या भावनात्मक हिंसा', en: 'Psychological or emotional' },
  { code: 'economic', hi: 'आर्थिक हिंसा (संसाधनों से वंचित करना)', en: 'Economic, denial of resources' },
  { code: 'trafficking', hi: 'मानव तस्करी', en: 'Trafficking' },
  { code: 'acid_attack', hi: 'एसिड (तेज़ाब) हमला', en: 'Acid attack' },
  { code: 'child_marriage', hi: 'बाल विवाह', en: 'Child marriage' },
  { code: 'cyber_crime', hi: 'साइबर अपराध', en: 'Cyber crime' },
  { code: 'witch_hunting', hi: 'डायन बताकर प्रताड़ना', en: 'Witch-hunting' },
  { code: 'honour_related', hi: 'इज़्ज़त के नाम पर हिंसा', en: 'Honour-related violence' },
  { code: 'other', hi: 'अन्य', en: 'Other' },
] as const satisfies readonly VocabularyTerm[];

export const maritalStatuses = [
  { code: 'unmarried', hi: 'अविवाहित', en: 'Unmarried' },
  { code: 'married', hi: 'विवाहित', en: 'Married' },
  { code: 'separated', hi: 'पति से अलग रह रही हैं', en: 'Separated' },
  { code: 'deserted', hi: 'परित्यक्ता', en: 'Deserted by husband' },
  { code: 'divorced', hi: 'तलाकशुदा', en: 'Divorced' },
  { code: 'widowed', hi: 'विधवा', en: 'Widowed' },
  { code: 'live_in', hi: 'लिव-इन संबंध में', en: 'In a live-in relationship' },
] as const satisfies readonly VocabularyTerm[];

// School stages as UP Board names them (हाईस्कूल = class 10, इंटरमीडिएट = class 12).
export const educationLevels = [
  { code: 'no_schooling', hi: 'स्कूल नहीं गईं', en: 'No schooling' },
  { code: 'primary', hi: 'प्राथमिक (कक्षा 1–5)', en: 'Primary (class 1–5)' },
  { code: 'upper_primary', hi: 'उच्च प्राथमिक (कक्षा 6–8)', en: 'Upper primary (class 6–8)' },
  { code: 'high_school', hi: 'हाईस्कूल (कक्षा 9–10)', en: 'High school (class 9–10)' },
  { code: 'intermediate', hi: 'इंटरमीडिएट (कक्षा 11–12)', en: 'Intermediate (class 11–12)' },
  { code: 'graduate', hi: 'स्नातक', en: 'Graduate' },
  { code: 'postgraduate', hi: 'परास्नातक', en: 'Postgraduate' },
] as const satisfies readonly VocabularyTerm[];

export const occupations = [
  { code: 'homemaker', hi: 'गृहिणी', en: 'Homemaker' },
  { code: 'agriculture', hi: 'खेती-किसानी', en: 'Farming' },
  { code: 'daily_wage_labour', hi: 'दिहाड़ी मज़दूरी', en: 'Daily-wage labour' },
  { code: 'domestic_worker', hi: 'घरेलू कामगार', en: 'Domestic worker' },
  { code: 'self_employed', hi: 'स्वरोज़गार', en: 'Self-employed' },
  { code: 'salaried', hi: 'नौकरी (वेतनभोगी)', en: 'Salaried job' },
  { code: 'student', hi: 'छात्रा', en: 'Student' },
  { code: 'unemployed', hi: 'बेरोज़गार', en: 'Unemployed' },
  { code: 'other', hi: 'अन्य', en: 'Other' },
] as const satisfies readonly VocabularyTerm[];

export const perpetratorRelationships = [
  { code: 'husband', hi: 'पति', en: 'Husband' },
  { code: 'former_husband', hi: 'पूर्व पति', en: 'Former husband' },
  { code: 'in_laws', hi: 'ससुराल वाले', en: 'In-laws' },
  { code: 'partner', hi: 'साथी (लिव-इन या प्रेमी)', en: 'Partner (live-in or boyfriend)' },
  { code: 'father', hi: 'पिता', en: 'Father' },
  { code: 'other_family', hi: 'परिवार के अन्य सदस्य', en: 'Other family member' },
  { code: 'neighbour', hi: 'पड़ोसी', en: 'Neighbour' },
  { code: 'employer', hi: 'मालिक या नियोक्ता', en: 'Employer' },
  { code: 'acquaintance', hi: 'परिचित', en: 'Acquaintance' },
  { code: 'stranger', hi: 'अनजान व्यक्ति', en: 'Stranger' },
  { code: 'other', hi: 'अन्य', en: 'Other' },
] as const satisfies readonly VocabularyTerm[];

// Three levels, as staff can judge them at intake: 'high' means she is in danger now and
// needs a safety plan before she leaves the centre.
export const riskLevels = [
  { code: 'low', hi: 'कम जोखिम', en: 'Low risk' },
  { code: 'medium', hi: 'मध्यम जोखिम', en: 'Medium risk' },
  { code: 'high', hi: 'गंभीर जोखिम (तुरंत ख़तरा)', en: 'High risk (in danger now)' },
] as const satisfies readonly VocabularyTerm[];

export const caseStatuses = [
  { code: 'open', hi: 'खुला', en: 'Open' },
  { code: 'in_stay', hi: 'अल्प प्रवास में', en: 'In short stay' },
  { code: 'referred', hi: 'रेफर किया गया', en: 'Referred' },
  { code: 'closed', hi: 'मामला बंद', en: 'Closed' },
] as const satisfies readonly VocabularyTerm[];

export const closureReasons = [
  { code: 'services_completed', hi: 'सभी सेवाएं दी गईं', en: 'Services completed' },
  { code: 'referred_onward', hi: 'आगे रेफर किया गया', en: 'Referred onward' },
  { code: 'survivor_withdrew', hi: 'पीड़िता ने सेवाएं लेने से मना किया', en: 'She withdrew' },
  { code: 'reconciled', hi: 'परिवार से समझौता हुआ', en: 'Reconciled with family' },
  {
    code: 'transferred_other_centre',
    hi: 'दूसरे वन स्टॉप सेंटर को भेजा गया',
    en: 'Transferred to another centre',
  },
  { code: 'not_reachable', hi: 'संपर्क नहीं हो सका', en: 'Could not be reached' },
  { code: 'other', hi: 'अन्य', en: 'Other' },
] as const satisfies readonly VocabularyTerm[];

// A girl under 18 cannot consent alone; where her family is the perpetrator, the Child
// Welfare Committee decides for her.
export const consentGivers = [
  { code: 'survivor', hi: 'पीड़िता स्वयं', en: 'She herself' },
  { code: 'parent_guardian', hi: 'माता-पिता या अभिभावक', en: 'Parent or guardian' },
  { code: 'child_welfare_committee', hi: 'बाल कल्याण समिति', en: 'Child Welfare Committee' },
  { code: 'other', hi: 'अन्य', en: 'Other' },
] as const satisfies readonly VocabularyTerm[];

/** Steps expected on every case of a girl under 18 (POCSO Act; Juvenile Justice Act). */
export const minorSteps = [
  {
    code: 'pocso_police_report',
    hi: 'पॉक्सो अधिनियम के अंतर्गत पुलिस को सूचना',
    en: 'Report to police under the POCSO Act',
  },
  {
    code: 'cwc_referral',
    hi: 'बाल कल्याण समिति को रेफरल',
    en: 'Referral to Child Welfare Committee',
  },
] as const satisfies readonly VocabularyTerm[];
