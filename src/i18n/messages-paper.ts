// Paper the centre hands out: the printed case summary and referral letters. A letter's
// own words (`referralLetterMessages`) are read in the language chosen for the letter,
// not the app's; the screen around it (`paperMessages`) follows the app.
import { defineMessages } from './define-messages.ts';

export const paperMessages = defineMessages(
  {
    print: 'छापें',
    printedOn: 'छपा: {date}',
    letters: 'रेफरल पत्र',
    letterFor: '{agency} के लिए पत्र',
    letterLanguage: 'पत्र की भाषा',
    backToCase: '← उनके मामले पर लौटें',
    referralMissing: 'यह रेफरल इस टैबलेट पर नहीं मिला। हो सकता है वह हटा दिया गया हो।',
    letterLoading: 'पत्र तैयार हो रहा है…',
  },
  {
    print: 'Print',
    printedOn: 'Printed {date}',
    letters: 'Referral letters',
    letterFor: 'Letter to {agency}',
    letterLanguage: 'Language of the letter',
    backToCase: '← Back to her case',
    referralMissing: 'This referral is not on this tablet. It may have been removed.',
    letterLoading: 'Preparing the letter…',
  },
);

export const referralLetterMessages = defineMessages(
  {
    title: 'रेफरल पत्र',
    to: 'सेवा में,',
    reference: 'संदर्भ संख्या: {reference}',
    date: 'दिनांक: {date}',
    subject: 'विषय: {agency} को रेफरल',
    body: 'यह केंद्र नीचे लिखी महिला को आगे की सहायता के लिए आपके पास भेज रहा है। उत्तर देते समय कृपया ऊपर की संदर्भ संख्या लिखें।',
    referredOn: 'रेफरल भेजने की तिथि: {date}',
    referralPlanned: 'रेफरल अभी भेजा नहीं गया है (प्रस्तावित)।',
    aboutHer: 'उनका ब्योरा (उनकी सहमति से)',
    notRecorded: 'केंद्र में दर्ज नहीं',
    consentGiven: 'सहमति दी: {by}, {date}',
    consentGivenNoDate: 'सहमति दी: {by}',
    consentWhoNotRecorded: 'सहमति किसने दी, यह दर्ज नहीं है।',
    notAgreed:
      'उन्होंने इस एजेंसी से अपनी जानकारी साझा करने की सहमति नहीं दी है। इसलिए इस पत्र में उनका नाम, पता, फ़ोन या घटना का ब्योरा नहीं है। कृपया ब्योरा सीधे उनसे लें।',
    notRecordedConsent:
      'उनकी जानकारी साझा करने की सहमति अभी दर्ज नहीं है। इसलिए इस पत्र में उनका नाम, पता, फ़ोन या घटना का ब्योरा नहीं है। सहमति दर्ज होने पर नया पत्र छापें, या ब्योरा सीधे उनसे लें।',
    centreAddressMissing: 'केंद्र का पता इस टैबलेट पर दर्ज नहीं है — हाथ से लिखें या मोहर लगाएं।',
    centrePhoneMissing: 'केंद्र का फ़ोन नंबर इस टैबलेट पर दर्ज नहीं है — हाथ से लिखें।',
    centrePhone: 'फ़ोन: {phone}',
    signature: 'हस्ताक्षर, नाम और पद',
  },
  {
    title: 'Referral letter',
    to: 'To,',
    reference: 'Reference: {reference}',
    date: 'Date: {date}',
    subject: 'Subject: Referral to {agency}',
    body: 'This centre refers the woman described below to you for further help. Please quote the reference above when you reply.',
    referredOn: 'Referred on: {date}',
    referralPlanned: 'The referral has not been sent yet (planned).',
    aboutHer: 'About her (shared with her consent)',
    notRecorded: 'Not recorded at the centre',
    consentGiven: 'Consent given by: {by}, {date}',
    consentGivenNoDate: 'Consent given by: {by}',
    consentWhoNotRecorded: 'Who gave the consent is not recorded.',
    notAgreed:
      'She has not agreed to her details being shared with this agency, so this letter carries no name, address, phone or account of what happened. Please ask her directly.',
    notRecordedConsent:
      'Her consent to share her details has not been recorded yet, so this letter carries no name, address, phone or account of what happened. Print a new letter once her consent is recorded, or ask her directly.',
    centreAddressMissing:
      "The centre's address is not recorded on this tablet — write it by hand or stamp it.",
    centrePhoneMissing:
      "The centre's phone number is not recorded on this tablet — write it by hand.",
    centrePhone: 'Phone: {phone}',
    signature: 'Signature, name and designation',
  },
);
