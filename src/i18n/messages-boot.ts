// The first screen, written into index.html itself (it paints before any JavaScript
// arrives, so it cannot read this file): index-html.test.ts holds the page to these words.
// It names no promise of offline use: that is made only once the tablet is ready for it.
import { defineMessages } from './define-messages.ts';

export const bootMessages = defineMessages(
  {
    loading: 'सखी खुल रहा है।',
    slowNetwork: 'पहली बार, धीमे नेटवर्क पर, इसमें एक मिनट तक लग सकता है। कृपया यह पेज खुला रखें।',
  },
  {
    loading: 'Sakhi is opening.',
    slowNetwork:
      'The first time, on a slow network, this can take up to a minute. Please keep this page open.',
  },
);
