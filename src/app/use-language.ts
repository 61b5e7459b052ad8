import { useEffect, useState } from 'preact/hooks';
import { loadLang, saveLang, type Lang } from '../i18n/lang.ts';

/** The tablet's language, remembered across starts and set on the page for screen readers. */
export function useLanguage(): { readonly lang: Lang; readonly switchLanguage: () => void } {
  const [lang, setLang] = useState<Lang>(loadLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const switchLanguage = () => {
    const next = lang === 'hi' ? 'en' : 'hi';
    saveLang(next);
    setLang(next);
  };
  return { lang, switchLanguage };
}
