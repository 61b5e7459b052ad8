/**
 * Vocabularies of the entries on a case: services given, referrals, follow-ups and the
 * end of a short stay.
 */
import type { VocabularyTerm } from './vocabulary.ts';

// A short stay is not a service kind: it is its own entry, with admission and discharge.
export const serviceKinds = [
  { code: 'medical_aid', hi: 'चिकित्सकीय सहायता', en: 'Medical aid' },
  { code: 'counselling', hi: 'परामर्श', en: 'Counselling' },
  { code: 'police_help', hi: 'पुलिस सहायता (एफआईआर)', en: 'Police help (FIR)' },
  { code: 'legal_aid', hi: 'नि:शुल्क विधिक सहायता', en: 'Free legal aid' },
  { code: 'rescue', hi: 'आपातकालीन सहायता और बचाव', en: 'Emergency response and rescue' },
  {
    code: 'video_conference_statement',
    hi: 'वीडियो कॉन्फ्रेंसिंग से बयान',
    en: 'Statement by video conference',
  },
  { code: 'interpretation', hi: 'दुभाषिया सहायता', en: 'Interpreter' },
  { code: 'other', hi: 'अन्य', en: 'Other' },
] as const satisfies readonly VocabularyTerm[];

export const referralAgencies = [
  { code: 'police', hi: 'पुलिस', en: 'Police' },
  { code: 'hospital', hi: 'अस्पताल', en: 'Hospital' },
  { code: 'dlsa', hi: 'जिला विधिक सेवा प्राधिकरण', en: 'District Legal Services Authority' },
  { code: 'protection_officer', hi: 'संरक्षण अधिकारी', en: 'Protection Officer' },
  { code: 'child_welfare_committee', hi: 'बाल कल्याण समिति', en: 'Child Welfare Committee' },
  { code: 'shelter_home', hi: 'आश्रय गृह', en: 'Shelter home' },
  {
    code: 'one_stop_centre_other_district',
    hi: 'दूसरे जनपद का वन स्टॉप सेंटर',
    en: 'One Stop Centre of another district',
  },
  { code: 'ngo', hi: 'स्वयंसेवी संस्था (एनजीओ)', en: 'NGO' },
  { code: 'other_department', hi: 'दूसरे विभाग', en: 'Another department' },
  { code: 'other', hi: 'अन्य', en: 'Other' },
] as const satisfies readonly VocabularyTerm[];

export const referralStatuses = [
  { code: 'planned', hi: 'प्रस्तावित', en: 'Planned' },
  { code: 'sent', hi: 'भेजा गया', en: 'Sent' },
  { code: 'accepted', hi: 'स्वीकार हुआ', en: 'Accepted' },
  { code: 'completed', hi: 'पूरा हुआ', en: 'Completed' },
  { code: 'declined', hi: 'अस्वीकार हुआ', en: 'Declined' },
  { code: 'cancelled', hi: 'रद्द', en: 'Cancelled' },
] as const satisfies readonly VocabularyTerm[];

export const followUpModes = [
  { code: 'phone', hi: 'फ़ोन पर', en: 'Phone' },
  { code: 'home_visit', hi: 'घर जाकर', en: 'Home visit' },
  { code: 'centre_visit', hi: 'केंद्र पर बुलाकर', en: 'Visit to the centre' },
  { code: 'video_call', hi: 'वीडियो कॉल', en: 'Video call' },
] as const satisfies readonly VocabularyTerm[];

export const dischargeDestinations = [
  { code: 'home', hi: 'अपना घर', en: 'Her own home' },
  { code: 'parents_home', hi: 'मायका (माता-पिता का घर)', en: "Parents' home" },
  { code: 'relatives_home', hi: 'रिश्तेदार का घर', en: "A relative's home" },
  { code: 'shelter_home', hi: 'आश्रय गृह', en: 'Shelter home' },
  { code: 'hospital', hi: 'अस्पताल', en: 'Hospital' },
  { code: 'other', hi: 'अन्य', en: 'Other' },
] as const satisfies readonly VocabularyTerm[];
