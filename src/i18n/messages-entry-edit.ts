// Correcting entries in place on the case page, a referral's answers over time, and
// changing the arrival route after intake.
import { defineMessages } from './define-messages.ts';

export const entryEditMessages = defineMessages(
  {
    correct: 'सुधारें',
    correctService: 'सेवा सुधारें',
    correctStay: 'प्रवास सुधारें',
    correctReferral: 'रेफरल सुधारें',
    correctFollowUp: 'फॉलो-अप सुधारें / नई तिथि',
    statusChangedAt: 'यह कब हुआ',
    outcomeRequired: 'रेफरल पूरा होने पर परिणाम लिखें: संस्था ने क्या किया।',
    referralStep: '{status}: {date}, {name} द्वारा',
    changeArrival: 'आगमन का तरीका बदलें',
    arrivalRoute: 'वह केंद्र तक कैसे पहुंचीं',
    arrivalUnchanged: 'आगमन का तरीका वही है; कुछ नहीं बदला।',
    entryArrival: 'आगमन',
    arrivalChanged: 'आगमन का तरीका बदलकर "{route}" किया गया',
  },
  {
    correct: 'Correct',
    correctService: 'Correct the service',
    correctStay: 'Correct the stay',
    correctReferral: 'Correct the referral',
    correctFollowUp: 'Correct or reschedule the follow-up',
    statusChangedAt: 'When it happened',
    outcomeRequired: 'Write the outcome when a referral is completed: what the agency did.',
    referralStep: '{status}: {date}, by {name}',
    changeArrival: 'Change arrival route',
    arrivalRoute: 'How she came to the centre',
    arrivalUnchanged: 'The arrival route is the same; nothing changed.',
    entryArrival: 'Arrival',
    arrivalChanged: 'Arrival route changed to "{route}"',
  },
);
