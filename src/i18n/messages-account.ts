// Sign-in: the screen a tablet shows until someone has signed in on it (online).
import { defineMessages } from './define-messages.ts';

export const accountMessages = defineMessages(
  {
    title: 'साइन इन करें',
    intro: 'अपने केंद्र से मिला यूज़रनेम और पासवर्ड डालें।',
    // Shown only once the tablet holds every file of the app (src/shell/offline-readiness.ts).
    offlinePromise: 'एक बार साइन इन होने के बाद ऐप बिना इंटरनेट के भी खुलेगा।',
    username: 'यूज़रनेम',
    password: 'पासवर्ड',
    signIn: 'साइन इन करें',
    signingIn: 'साइन इन हो रहा है…',
    offline: 'पहली बार साइन इन के लिए इंटरनेट चाहिए। इंटरनेट से जुड़ें, फिर साइन इन करें।',
    missingFields: 'यूज़रनेम और पासवर्ड दोनों भरें।',
    usernameRequired: 'अपना यूज़रनेम लिखें।',
    passwordRequired: 'अपना पासवर्ड लिखें।',
    invalidCredentials: 'यूज़रनेम या पासवर्ड सही नहीं है। ध्यान से दोबारा लिखें।',
    tooManyAttempts:
      'बहुत बार कोशिश हो चुकी है। {minutes} मिनट बाद फिर कोशिश करें, या अपने केंद्र प्रबंधक से पासवर्ड पूछें।',
    // Only a tablet new to the server is refused: one already in use still signs in.
    tooManyNewDevices:
      'आज इस खाते से या इस केंद्र में बहुत से नए टैबलेट पर साइन इन हो चुका है। पहले से इस्तेमाल हो रहे टैबलेट पर साइन इन करें, या इस टैबलेट पर {hours} घंटे बाद फिर कोशिश करें।',
    accountDisabled: 'यह खाता बंद कर दिया गया है। अपने केंद्र प्रबंधक से संपर्क करें।',
    deviceRevoked:
      'इस टैबलेट की पहुँच बंद कर दी गई है, इसलिए इस पर साइन इन नहीं हो सकता। अपने केंद्र प्रबंधक से संपर्क करें।',
    headquartersAccount: 'मुख्यालय के खाते से टैबलेट पर केंद्र के मामले नहीं खुलते। केंद्र के स्टाफ़ का खाता इस्तेमाल करें।',
    network: 'सर्वर तक नहीं पहुँच सके। इंटरनेट जाँचें और फिर कोशिश करें।',
    badResponse: 'सर्वर का जवाब समझ नहीं आया। ऐप अपडेट करें और फिर कोशिश करें।',
    serverProblem: 'साइन इन नहीं हो सका (सर्वर: {status})। थोड़ी देर बाद फिर कोशिश करें।',
    storageFailed:
      'साइन इन हो गया, पर टैबलेट पर सहेजा नहीं जा सका। ऐप बंद करके फिर खोलें और दोबारा साइन इन करें।',
    deviceKeyMismatch:
      'यह टैबलेट सर्वर पर दर्ज अपनी पहचान-चाबी से मेल नहीं खाता, इसलिए साइन इन नहीं हुआ। अपने केंद्र प्रबंधक से संपर्क करें।',
    deviceOtherCentre:
      'इस टैबलेट पर किसी दूसरे केंद्र का डेटा है। यहाँ साइन इन करने पर वह डेटा इस टैबलेट से मिटा दिया जाएगा।',
    noDeviceKey:
      'इस टैबलेट की पहचान-चाबी पढ़ी नहीं जा सकी, इसलिए साइन इन नहीं हो सकता। ऐप बंद करके फिर खोलें।',
  },
  {
    title: 'Sign in',
    intro: 'Enter the username and password your centre gave you.',
    offlinePromise: 'Once signed in, the app opens without internet too.',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    offline: 'First sign-in needs the internet. Connect, then sign in.',
    missingFields: 'Fill in both the username and the password.',
    usernameRequired: 'Type your username.',
    passwordRequired: 'Type your password.',
    invalidCredentials: 'The username or password is not correct. Type them again carefully.',
    tooManyAttempts:
      'Too many attempts. Try again in {minutes} minutes, or ask your centre manager for your password.',
    tooManyNewDevices:
      'Too many new tablets have been signed in today with this account or at this centre. Sign in on a tablet already in use, or try again on this one in {hours} hours.',
    accountDisabled: 'This account has been disabled. Contact your centre manager.',
    deviceRevoked:
      'This tablet has been revoked, so no one can sign in on it. Contact your centre manager.',
    headquartersAccount:
      "Headquarters accounts do not open a centre's cases on a tablet. Use a centre staff account.",
    network: 'Could not reach the server. Check the internet and try again.',
    badResponse: "The server's answer could not be read. Update the app and try again.",
    serverProblem: 'Sign-in did not work (server answered {status}). Try again in a while.',
    storageFailed:
      'Signed in, but the tablet could not keep it. Close and reopen the app, then sign in again.',
    deviceKeyMismatch:
      "This tablet's key does not match the one the server registered for it, so sign-in was refused. Contact your centre manager.",
    deviceOtherCentre:
      "This tablet holds another centre's data. Signing in here erases that data from this tablet.",
    noDeviceKey:
      "This tablet's key could not be read, so no one can sign in on it. Close and reopen the app.",
  },
);
