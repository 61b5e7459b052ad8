// Signing in on a tablet that holds another centre's cases: what is erased first, and when it must wait.
import { defineMessages } from './define-messages.ts';

export const centreSwitchMessages = defineMessages(
  {
    title: 'यह टैबलेट किसी दूसरे केंद्र का है',
    intro:
      'एक टैबलेट पर एक ही केंद्र के मामले रहते हैं। आपके केंद्र के लिए इसे इस्तेमाल करने से पहले इस पर रखा यह सब मिटाया जाएगा:',
    erasesCases: 'उस केंद्र के सारे मामले और उनकी प्रविष्टियाँ, जो इस टैबलेट पर हैं',
    erasesDrafts: 'अधूरे फ़ॉर्म (ड्राफ़्ट) और विवाद',
    erasesPins: 'उस केंद्र के स्टाफ़ के पिन, जो इस टैबलेट पर हैं',
    keptOnServer: 'ये मामले सर्वर पर सुरक्षित रहते हैं; उस केंद्र का स्टाफ़ उन्हें अपने टैबलेट पर देख सकता है।',
    checking: 'जाँच रहे हैं कि कोई बदलाव भेजना बाकी तो नहीं…',
    waiting:
      'इस टैबलेट पर उस केंद्र के {n} बदलाव अभी सर्वर पर नहीं गए हैं। जब तक वे भेजे नहीं जाते, दूसरे केंद्र का साइन इन नहीं हो सकता। उस केंद्र का स्टाफ़ इंटरनेट से जुड़कर इन्हें भेज दे, फिर कोशिश करें।',
    waitingOne:
      'इस टैबलेट पर उस केंद्र का 1 बदलाव अभी सर्वर पर नहीं गया है। जब तक वह भेजा नहीं जाता, दूसरे केंद्र का साइन इन नहीं हो सकता। उस केंद्र का स्टाफ़ इंटरनेट से जुड़कर उसे भेज दे, फिर कोशिश करें।',
    confirm: 'मिटाएँ और साइन इन करें',
    erasing: 'मिटा रहे हैं…',
    back: 'वापस',
    failed: 'मिटाना या साइन इन पूरा नहीं हुआ। कुछ भी भेजे बिना नहीं मिटाया गया। फिर कोशिश करें।',
    countFailed: 'यह जाँच नहीं हो सकी कि बदलाव भेजने बाकी हैं या नहीं, इसलिए कुछ नहीं मिटाया जाएगा।',
  },
  {
    title: 'This tablet belongs to another centre',
    intro:
      "A tablet holds one centre's cases. Before it can be used for your centre, this will be erased from it:",
    erasesCases: "that centre's cases and their entries held on this tablet",
    erasesDrafts: 'unfinished forms (drafts) and conflicts',
    erasesPins: "the PINs of that centre's staff on this tablet",
    keptOnServer:
      "Those cases stay safe on the server; that centre's staff see them on their own tablets.",
    checking: 'Checking that no changes wait to be sent…',
    waiting:
      "{n} changes of that centre on this tablet have not reached the server yet. Another centre cannot sign in until they are sent. That centre's staff should connect to the internet to send them; then try again.",
    waitingOne:
      "1 change of that centre on this tablet has not reached the server yet. Another centre cannot sign in until it is sent. That centre's staff should connect to the internet to send it; then try again.",
    confirm: 'Erase and sign in',
    erasing: 'Erasing…',
    back: 'Back',
    failed: 'Erasing or signing in did not finish. Nothing unsent was erased. Try again.',
    countFailed: 'Could not check whether changes wait to be sent, so nothing will be erased.',
  },
);
