// Offline readiness: how far the tablet is from opening the app without the network.
import { defineMessages } from './define-messages.ts';

export const offlineMessages = defineMessages(
  {
    preparing: 'ऑफ़लाइन इस्तेमाल की तैयारी हो रही है…',
    preparingCount: 'ऑफ़लाइन इस्तेमाल की तैयारी — {total} में से {done}',
    ready: 'ऑफ़लाइन काम के लिए तैयार',
  },
  {
    preparing: 'Preparing for offline use…',
    preparingCount: 'Preparing for offline use — {done} of {total}',
    ready: 'Ready to work offline',
  },
);
