/**
 * Why one pushed mutation was refused, in words a staff member can act on, in Hindi and
 * English. Each names the field or record it is about; the tablet shows it beside the
 * change it keeps (docs/sync-protocol.md, "Push").
 */
import type { MutationProblem } from '../../src/domain/apply-mutation.ts';
import type { BilingualMessage, RecordType, RejectionCode } from '../../src/domain/protocol.ts';
import { headquartersRule, type WriteRefusal } from '../../src/domain/write-rules.ts';

export interface Rejection {
  readonly code: RejectionCode;
  readonly reason: BilingualMessage;
}

const RECORD_NAMES: Record<RecordType, BilingualMessage> = {
  case: { hi: 'केस', en: 'case' },
  service: { hi: 'सेवा', en: 'service' },
  stay: { hi: 'आश्रय (ठहराव)', en: 'stay' },
  referral: { hi: 'रेफ़रल', en: 'referral' },
  followUp: { hi: 'फ़ॉलो-अप', en: 'follow-up' },
  note: { hi: 'नोट', en: 'note' },
  conflict: { hi: 'टकराव', en: 'conflict' },
};

const reject = (code: RejectionCode, hi: string, en: string): Rejection => ({
  code,
  reason: { hi, en },
});

/** The domain's own refusals (checkMutation). */
export function describeProblem(recordType: RecordType, problem: MutationProblem): Rejection {
  const record = RECORD_NAMES[recordType];
  switch (problem.code) {
    case 'record_type_mismatch': {
      const stored = RECORD_NAMES[problem.expected];
      return reject(
        'record_type_mismatch',
        `सर्वर पर यह रिकॉर्ड ${stored.hi} के रूप में है, ${record.hi} के रूप में नहीं। यह बदलाव टैबलेट पर रखा गया है; अपने केंद्र प्रबंधक को दिखाएँ।`,
        `The server holds this record as a ${stored.en}, not a ${record.en}. The change is kept on the tablet; show it to your centre manager.`,
      );
    }
    case 'stamp_too_far_ahead':
      return reject(
        'stamp_too_far_ahead',
        `फ़ील्ड "${problem.field}" पर लिखा समय सर्वर के समय से 5 मिनट से अधिक आगे है। टैबलेट अपनी घड़ी ठीक करके इसे अपने-आप फिर भेजेगा।`,
        `The time on field "${problem.field}" is more than 5 minutes ahead of the server's time. The tablet will correct its clock and send it again by itself.`,
      );
    case 'invalid_record': {
      const [first] = problem.problems;
      const field = first?.field ?? '?';
      if (first?.code === 'unknown_field') {
        return reject(
          'invalid_record',
          `${record.hi} में "${field}" नाम का कोई फ़ील्ड नहीं है। ऐप अपडेट करें, फिर यह बदलाव दोबारा भेजें।`,
          `A ${record.en} has no field "${field}". Update the app, then send this change again.`,
        );
      }
      return reject(
        'invalid_record',
        `${record.hi} के फ़ील्ड "${field}" का मान सही नहीं है (${first?.detail ?? ''})। इसे ठीक करके फिर सहेजें।`,
        `The value of field "${field}" on the ${record.en} is not valid (${first?.detail ?? ''}). Correct it and save again.`,
      );
    }
  }
}

export const REJECTIONS = {
  headquarters: refusedWrite({ rule: headquartersRule, field: '' }),
  otherCentre: reject(
    'forbidden',
    'यह रिकॉर्ड किसी दूसरे केंद्र का है; आप केवल अपने केंद्र के केस बदल सकती हैं।',
    "This record belongs to another centre; you can change only your own centre's cases.",
  ),
  otherCentreCase: reject(
    'forbidden',
    'यह केस किसी दूसरे केंद्र का है; आप इसमें प्रविष्टि नहीं जोड़ सकतीं।',
    'This case belongs to another centre; you cannot add entries to it.',
  ),
  newCaseOtherCentre: reject(
    'forbidden',
    'नए केस का केंद्र (centreId) आपका केंद्र नहीं है। केस अपने केंद्र में ही दर्ज करें।',
    'The new case names another centre (centreId) than yours. Register cases at your own centre.',
  ),
  movesCase: reject(
    'forbidden',
    'कोई रिकॉर्ड एक केस से दूसरे केस में नहीं ले जाया जा सकता (caseId नहीं बदलता)।',
    'A record cannot move to another case (its caseId never changes).',
  ),
  movesCentre: reject(
    'forbidden',
    'किसी रिकॉर्ड का केंद्र (centreId) नहीं बदला जा सकता।',
    "A record's centre (centreId) cannot change.",
  ),
  newConflict: reject(
    'forbidden',
    'टकराव (conflict) केवल सर्वर दर्ज करता है; टैबलेट उन्हें नहीं बना सकता।',
    'Only the server records conflicts; a tablet cannot create one.',
  ),
  unknownCase: reject(
    'unknown_case',
    'यह प्रविष्टि जिस केस की है, वह अभी सर्वर पर नहीं है। केस भेजे जाने के बाद यह अपने-आप फिर भेजी जाएगी।',
    'The case this entry belongs to is not on the server yet. It will be sent again after the case.',
  ),
  changesRegistrant: reject(
    'forbidden',
    'केस किसने दर्ज किया, यह दर्ज होने के बाद बदला नहीं जा सकता। यह बदलाव टैबलेट पर रखा गया है; अपनी केंद्र प्रबंधक को दिखाएँ।',
    'Who registered a case cannot change once it is registered. The change is kept on the tablet; show it to your centre manager.',
  ),
  unknownCaseRecord: reject(
    'unknown_case',
    'यह केस अभी सर्वर पर नहीं है और इस बदलाव में उसका केंद्र (centreId) नहीं है। केस के पहले भेजे जाने के बाद यह फिर भेजा जाएगा।',
    'This case is not on the server yet, and this change does not name its centre (centreId). It will be sent again after the case is.',
  ),
} as const;

/** The record's own id fields must agree with the mutation that carries them. */
export function identityMismatch(field: string, expected: string): Rejection {
  return reject(
    'invalid_record',
    `फ़ील्ड "${field}" का मान इस रिकॉर्ड से मेल नहीं खाता (होना चाहिए: ${expected})। ऐप अपडेट करें; यह बदलाव टैबलेट पर रखा गया है।`,
    `Field "${field}" does not match this record (it should be ${expected}). Update the app; the change is kept on the tablet.`,
  );
}

/** A write the domain's write rules keep for another role, or for the writer's own name. */
export function refusedWrite({ rule, field }: WriteRefusal): Rejection {
  if (field === '') return { code: 'forbidden', reason: rule.reason };
  return reject(
    'forbidden',
    `${rule.reason.hi} (फ़ील्ड "${field}")`,
    `${rule.reason.en} (field "${field}")`,
  );
}

/**
 * A new stamp that names another device than the pushing one: a colleague's device would
 * overwrite her unseen edit with no conflict kept, a device that does not exist would be
 * credited with a conflict. No tablet of Sakhi's writes one, so this is a broken or forged
 * client; the change stays on the tablet for someone to look at.
 */
export function foreignDeviceStamp(field: string): Rejection {
  return reject(
    'foreign_device_stamp',
    `फ़ील्ड "${field}" पर लिखा बदलाव किसी दूसरे टैबलेट के नाम से है, इस टैबलेट के नहीं। यह बदलाव टैबलेट पर रखा गया है; ऐप अपडेट करें और अपने केंद्र प्रबंधक को दिखाएँ।`,
    `The change to field "${field}" is signed with another tablet's name, not this tablet's. The change is kept on the tablet; update the app and show it to your centre manager.`,
  );
}

/**
 * A case number the pushing tablet could not have made: case numbers stay unique only
 * while each tablet numbers with its own district and tag (src/domain/case-number.ts).
 */
export function foreignCaseNumber(caseNumber: string, expectedPrefix: string | null): Rejection {
  if (expectedPrefix === null) {
    return reject(
      'foreign_case_number',
      `केस संख्या "${caseNumber}" इस टैबलेट से नहीं दी जा सकती: यह टैबलेट किसी केंद्र का नहीं है। यह बदलाव टैबलेट पर रखा गया है; अपने केंद्र प्रबंधक को दिखाएँ।`,
      `Case number "${caseNumber}" cannot be given from this tablet: it belongs to no centre. The change is kept on the tablet; show it to your centre manager.`,
    );
  }
  return reject(
    'foreign_case_number',
    `केस संख्या "${caseNumber}" इस टैबलेट की नहीं है (इस टैबलेट की संख्याएँ ${expectedPrefix} से शुरू होती हैं)। यह बदलाव टैबलेट पर रखा गया है; ऐप अपडेट करें और अपने केंद्र प्रबंधक को दिखाएँ।`,
    `Case number "${caseNumber}" is not this tablet's (this tablet's numbers look like ${expectedPrefix}). The change is kept on the tablet; update the app and show it to your centre manager.`,
  );
}

/** The sealed push's own refusals (sealed-push.ts): one mutation each, the rest apply. */
export const SEALED_REJECTIONS = {
  /** The box did not open for this tablet and mutation, or held no valid mutation. */
  unreadable: reject(
    'unreadable_sealed_box',
    'यह बदलाव सर्वर पर खोला नहीं जा सका (सील टूटी है या किसी दूसरे टैबलेट की है)। यह टैबलेट पर रखा गया है; ऐप खोलकर PIN डालें, तब यह फिर भेजा जाएगा।',
    'The server could not open this change (its seal is broken or belongs to another tablet). It is kept on the tablet; open the app and enter your PIN, and it will be sent again.',
  ),
  /** The person named in the box is not active staff of this tablet's centre who signed in on it. */
  notPermitted: reject(
    'not_permitted',
    'जिसने यह बदलाव सहेजा, वह इस टैबलेट के केंद्र की सक्रिय कर्मचारी नहीं है या इस टैबलेट पर कभी साइन इन नहीं किया। यह बदलाव टैबलेट पर रखा गया है; अपने केंद्र प्रबंधक को दिखाएँ।',
    'Whoever saved this change is not active staff of this tablet’s centre, or never signed in on this tablet. The change is kept on the tablet; show it to your centre manager.',
  ),
} as const;
