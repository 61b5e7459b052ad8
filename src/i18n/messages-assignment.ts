// Who works on which case: the case page's "Assigned to", the case list's "My cases" and
// staff filter, and the manager's caseload screen.
import { defineMessages } from './define-messages.ts';

export const assignmentMessages = defineMessages(
  {
    assignedTo: 'ज़िम्मेदार कर्मचारी',
    nobodyAssigned: 'अभी किसी को नहीं सौंपा गया',
    assign: 'मामला सौंपें',
    assignTitle: 'यह मामला किसे सौंपें',
    assignHelp: 'एक या अधिक कर्मचारी चुनें। बदलाव इसी टैबलेट पर सहेजा जाता है और सिंक होने पर भेजा जाता है।',
    assignSave: 'सौंपें',
    assignUnchanged: 'वही कर्मचारी चुनी हैं; कुछ नहीं बदला।',
    noStaffList:
      'इस टैबलेट पर केंद्र के कर्मचारियों की सूची नहीं है। इंटरनेट मिलने पर एक बार पासवर्ड से साइन इन करें, फिर सौंपें।',
    entryAssigned: 'मामला सौंपा गया',
    assignedToNames: '{names} को सौंपा गया',
    aColleague: 'एक सहकर्मी',
    caseloadTitle: 'कर्मचारियों के मामले',
    caseloadIntro: 'हर कर्मचारी को सौंपे गए खुले मामले, इस टैबलेट के रिकॉर्ड से गिने गए।',
    caseloadStaff: 'कर्मचारी',
    caseloadOpen: 'खुले मामले',
    caseloadDue: 'फॉलो-अप बाकी (आज या पहले)',
    caseloadShow: 'मामले देखें',
    caseloadLoading: 'मामले गिने जा रहे हैं…',
    caseloadFailed: 'मामले गिने नहीं जा सके: {reason}',
    navCaseload: 'कर्मचारियों के मामले',
    caseloadManagersOnly: 'कर्मचारियों के मामले केवल केंद्र प्रबंधक देख सकती हैं।',
  },
  {
    assignedTo: 'Assigned to',
    nobodyAssigned: 'Not assigned to anyone yet',
    assign: 'Assign case',
    assignTitle: 'Assign this case to',
    assignHelp:
      'Choose one or more staff members. The change is saved on this tablet and sent when it syncs.',
    assignSave: 'Assign',
    assignUnchanged: 'The same staff are chosen; nothing changed.',
    noStaffList:
      "This tablet has no list of the centre's staff. Sign in once with your password when online, then assign.",
    entryAssigned: 'Case assigned',
    assignedToNames: 'Assigned to {names}',
    aColleague: 'a colleague',
    caseloadTitle: 'Caseload per staff member',
    caseloadIntro: "Each staff member's open cases, counted from this tablet's records.",
    caseloadStaff: 'Staff member',
    caseloadOpen: 'Open cases',
    caseloadDue: 'Follow-ups due (today or late)',
    caseloadShow: 'Show cases',
    caseloadLoading: 'Counting cases…',
    caseloadFailed: 'Cases could not be counted: {reason}',
    navCaseload: 'Caseload',
    caseloadManagersOnly: 'Only the centre manager can see the caseload per staff member.',
  },
);
