import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Lang = 'hi' | 'en';
export const defaultLang: Lang = 'hi';

const langStorageKey = 'sakhi.lang';

/** The language she last chose on this tablet; Hindi until she switches. */
export function loadLang(): Lang {
  try {
    return localStorage.getItem(langStorageKey) === 'en' ? 'en' : defaultLang;
  } catch {
    return defaultLang;
  }
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(langStorageKey, lang);
  } catch {
    // Private mode or a full disk: the switch still works for this visit.
  }
}

export const LangContext = createContext<Lang>(defaultLang);

export function useLang(): Lang {
  return useContext(LangContext);
}
