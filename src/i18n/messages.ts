// Every string a person sees comes from here, Hindi first. A message missing in one
// language is a type error, because both maps share one key set.
import type { Lang } from './lang.ts';

const hi = {
  appName: 'सखी',
  appTagline: 'वन स्टॉप सेंटर — मामलों का ऑफ़लाइन प्रबंधन',
  switchLanguage: 'English',
  online: 'ऑनलाइन',
  offline: 'ऑफ़लाइन',
  updateReady: 'नया संस्करण तैयार है',
  updateNow: 'अभी अपडेट करें',
  offlineReady: 'ऐप अब बिना इंटरनेट के भी चलेगा',
} as const;

export type MessageKey = keyof typeof hi;

const en: Record<MessageKey, string> = {
  appName: 'Sakhi',
  appTagline: 'One Stop Centre — offline case management',
  switchLanguage: 'हिन्दी',
  online: 'Online',
  offline: 'Offline',
  updateReady: 'A new version is ready',
  updateNow: 'Update now',
  offlineReady: 'The app now works without internet',
};

export const messages: Record<Lang, Record<MessageKey, string>> = { hi, en };
