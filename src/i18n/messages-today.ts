// Today: what is due at the centre.
import { defineMessages } from './define-messages.ts';

export const todayMessages = defineMessages(
  {
    title: 'आज — {date}',
    loading: 'आज का काम देखा जा रहा है…',
    loadFailed: 'सूची नहीं खुल सकी: {reason}',
    followUpsOverdue: 'देरी वाले फॉलो-अप',
    followUpsDue: 'आज के फॉलो-अप',
    staysEnding: 'समाप्त हो रहे अल्प प्रवास',
    referralsWaiting: 'जवाब की प्रतीक्षा में रेफरल',
    none: 'कुछ नहीं',
    dueOn: 'तय: {date}',
    endsOn: 'छुट्टी: {date}',
    overdue: 'अवधि पूरी',
    allClear: 'आज के लिए कुछ बाकी नहीं है।',
  },
  {
    title: 'Today — {date}',
    loading: "Looking up today's work…",
    loadFailed: 'The list could not open: {reason}',
    followUpsOverdue: 'Overdue follow-ups',
    followUpsDue: 'Follow-ups due today',
    staysEnding: 'Short stays ending',
    referralsWaiting: 'Referrals waiting for an answer',
    none: 'None',
    dueOn: 'Due: {date}',
    endsOn: 'Discharge: {date}',
    overdue: 'Overdue',
    allClear: 'Nothing is waiting for today.',
  },
);
