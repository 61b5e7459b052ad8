/**
 * Uttar Pradesh's 75 districts (जनपद), one One Stop Centre each.
 *
 * Generated once from up-districts.csv (kept beside this file; districts.test.ts checks
 * the two agree). The three-letter code starts every case number, so a code never changes
 * once cases carry it; a new district gets a new code.
 */
import type { CodeOf, VocabularyTerm } from './vocabulary.ts';
import { toCodeSchema } from './vocabulary-schema.ts';

export interface District extends VocabularyTerm {
  /** Population at the 2011 census, in millions, rounded; for per-capita reports. */
  readonly populationMillions: number;
}

export const districts = [
  { code: 'AGR', hi: 'आगरा', en: 'Agra', populationMillions: 4.4 },
  { code: 'ALG', hi: 'अलीगढ़', en: 'Aligarh', populationMillions: 3.7 },
  { code: 'ABN', hi: 'अम्बेडकर नगर', en: 'Ambedkar Nagar', populationMillions: 2.4 },
  { code: 'AMT', hi: 'अमेठी', en: 'Amethi', populationMillions: 2.1 },
  { code: 'AMR', hi: 'अमरोहा', en: 'Amroha', populationMillions: 1.8 },
  { code: 'AUR', hi: 'औरैया', en: 'Auraiya', populationMillions: 1.4 },
  { code: 'AYD', hi: 'अयोध्या', en: 'Ayodhya', populationMillions: 2.5 },
  { code: 'AZM', hi: 'आज़मगढ़', en: 'Azamgarh', populationMillions: 4.6 },
  { code: 'BGP', hi: 'बागपत', en: 'Baghpat', populationMillions: 1.3 },
  { code: 'BRH', hi: 'बहराइच', en: 'Bahraich', populationMillions: 3.5 },
  { code: 'BLA', hi: 'बलिया', en: 'Ballia', populationMillions: 3.2 },
  { code: 'BLR', hi: 'बलरामपुर', en: 'Balrampur', populationMillions: 2.1 },
  { code: 'BND', hi: 'बांदा', en: 'Banda', populationMillions: 1.8 },
  { code: 'BBK', hi: 'बाराबंकी', en: 'Barabanki', populationMillions: 3.3 },
  { code: 'BRL', hi: 'बरेली', en: 'Bareilly', populationMillions: 4.4 },
  { code: 'BST', hi: 'बस्ती', en: 'Basti', populationMillions: 2.5 },
  { code: 'BHD', hi: 'भदोही', en: 'Bhadohi', populationMillions: 1.6 },
  { code: 'BJN', hi: 'बिजनौर', en: 'Bijnor', populationMillions: 3.7 },
  { code: 'BDN', hi: 'बदायूं', en: 'Budaun', populationMillions: 3.1 },
  { code: 'BSR', hi: 'बुलंदशहर', en: 'Bulandshahr', populationMillions: 3.5 },
  { code: 'CHD', hi: 'चंदौली', en: 'Chandauli', populationMillions: 1.9 },
  { code: 'CKT', hi: 'चित्रकूट', en: 'Chitrakoot', populationMillions: 1.0 },
  { code: 'DEO', hi: 'देवरिया', en: 'Deoria', populationMillions: 3.1 },
  { code: 'ETA', hi: 'एटा', en: 'Etah', populationMillions: 1.8 },
  { code: 'ETW', hi: 'इटावा', en: 'Etawah', populationMillions: 1.6 },
  { code: 'FRK', hi: 'फर्रुखाबाद', en: 'Farrukhabad', populationMillions: 1.9 },
  { code: 'FTP', hi: 'फतेहपुर', en: 'Fatehpur', populationMillions: 2.6 },
  { code: 'FZB', hi: 'फिरोजाबाद', en: 'Firozabad', populationMillions: 2.5 },
  { code: 'GBN', hi: 'गौतम बुद्ध नगर', en: 'Gautam Buddh Nagar', populationMillions: 1.6 },
  { code: 'GZB', hi: 'गाजियाबाद', en: 'Ghaziabad', populationMillions: 3.4 },
  { code: 'GZP', hi: 'गाजीपुर', en: 'Ghazipur', populationMillions: 3.6 },
  { code: 'GND', hi: 'गोंडा', en: 'Gonda', populationMillions: 3.4 },
  { code: 'GKP', hi: 'गोरखपुर', en: 'Gorakhpur', populationMillions: 4.4 },
  { code: 'HMR', hi: 'हमीरपुर', en: 'Hamirpur', populationMillions: 1.1 },
  { code: 'HPR', hi: 'हापुड़', en: 'Hapur', populationMillions: 1.3 },
  { code: 'HRD', hi: 'हरदोई', en: 'Hardoi', populationMillions: 4.1 },
  { code: 'HTR', hi: 'हाथरस', en: 'Hathras', populationMillions: 1.6 },
  { code: 'JLN', hi: 'जालौन', en: 'Jalaun', populationMillions: 1.7 },
  { code: 'JNP', hi: 'जौनपुर', en: 'Jaunpur', populationMillions: 4.5 },
  { code: 'JHS', hi: 'झांसी', en: 'Jhansi', populationMillions: 2.0 },
  { code: 'KNJ', hi: 'कन्नौज', en: 'Kannauj', populationMillions: 1.7 },
  { code: 'KND', hi: 'कानपुर देहात', en: 'Kanpur Dehat', populationMillions: 1.8 },
  { code: 'KNP', hi: 'कानपुर नगर', en: 'Kanpur Nagar', populationMillions: 4.6 },
  { code: 'KSG', hi: 'कासगंज', en: 'Kasganj', populationMillions: 1.4 },
  { code: 'KSB', hi: 'कौशाम्बी', en: 'Kaushambi', populationMillions: 1.6 },
  { code: 'KSN', hi: 'कुशीनगर', en: 'Kushinagar', populationMillions: 3.6 },
  { code: 'LKH', hi: 'लखीमपुर खीरी', en: 'Lakhimpur Kheri', populationMillions: 4.0 },
  { code: 'LLP', hi: 'ललितपुर', en: 'Lalitpur', populationMillions: 1.2 },
  { code: 'LKO', hi: 'लखनऊ', en: 'Lucknow', populationMillions: 4.6 },
  { code: 'MRJ', hi: 'महराजगंज', en: 'Maharajganj', populationMillions: 2.7 },
  { code: 'MHB', hi: 'महोबा', en: 'Mahoba', populationMillions: 0.9 },
  { code: 'MNP', hi: 'मैनपुरी', en: 'Mainpuri', populationMillions: 1.9 },
  { code: 'MTR', hi: 'मथुरा', en: 'Mathura', populationMillions: 2.5 },
  { code: 'MAU', hi: 'मऊ', en: 'Mau', populationMillions: 2.2 },
  { code: 'MRT', hi: 'मेरठ', en: 'Meerut', populationMillions: 3.4 },
  { code: 'MZP', hi: 'मिर्जापुर', en: 'Mirzapur', populationMillions: 2.5 },
  { code: 'MBD', hi: 'मुरादाबाद', en: 'Moradabad', populationMillions: 3.1 },
  { code: 'MZN', hi: 'मुजफ्फरनगर', en: 'Muzaffarnagar', populationMillions: 2.9 },
  { code: 'PLB', hi: 'पीलीभीत', en: 'Pilibhit', populationMillions: 2.0 },
  { code: 'PTG', hi: 'प्रतापगढ़', en: 'Pratapgarh', populationMillions: 3.2 },
  { code: 'PRJ', hi: 'प्रयागराज', en: 'Prayagraj', populationMillions: 6.0 },
  { code: 'RBL', hi: 'रायबरेली', en: 'Raebareli', populationMillions: 2.9 },
  { code: 'RMP', hi: 'रामपुर', en: 'Rampur', populationMillions: 2.3 },
  { code: 'SHR', hi: 'सहारनपुर', en: 'Saharanpur', populationMillions: 3.5 },
  { code: 'SBL', hi: 'सम्भल', en: 'Sambhal', populationMillions: 2.2 },
  { code: 'SKN', hi: 'संत कबीर नगर', en: 'Sant Kabir Nagar', populationMillions: 1.7 },
  { code: 'SJP', hi: 'शाहजहांपुर', en: 'Shahjahanpur', populationMillions: 3.0 },
  { code: 'SML', hi: 'शामली', en: 'Shamli', populationMillions: 1.3 },
  { code: 'SRV', hi: 'श्रावस्ती', en: 'Shravasti', populationMillions: 1.1 },
  { code: 'SDN', hi: 'सिद्धार्थनगर', en: 'Siddharthnagar', populationMillions: 2.6 },
  { code: 'STP', hi: 'सीतापुर', en: 'Sitapur', populationMillions: 4.5 },
  { code: 'SNB', hi: 'सोनभद्र', en: 'Sonbhadra', populationMillions: 1.9 },
  { code: 'SLP', hi: 'सुल्तानपुर', en: 'Sultanpur', populationMillions: 2.9 },
  { code: 'UNN', hi: 'उन्नाव', en: 'Unnao', populationMillions: 3.1 },
  { code: 'VNS', hi: 'वाराणसी', en: 'Varanasi', populationMillions: 3.7 },
] as const satisfies readonly District[];

export const districtCodeSchema = toCodeSchema(districts);
export type DistrictCode = CodeOf<typeof districts>;
