// The case list's filter by assigned staff member: on the first screen, so kept apart from
// the assignment screens' words, which load with them.
import { defineMessages } from './define-messages.ts';

export const assignedFilterMessages = defineMessages(
  {
    filterAssigned: 'किसके मामले',
    filterAnyone: 'सभी मामले',
    filterMine: 'मेरे मामले',
    caseloadLink: 'कर्मचारियों के मामले',
  },
  {
    filterAssigned: 'Whose cases',
    filterAnyone: 'All cases',
    filterMine: 'My cases',
    caseloadLink: 'Caseload',
  },
);
