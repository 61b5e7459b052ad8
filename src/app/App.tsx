import { useState } from 'preact/hooks';
import { messages } from '../i18n/messages.ts';
import { defaultLang, type Lang } from '../i18n/lang.ts';

// TODO(issue 3): the case register screens replace this shell.
export function App() {
  const [lang, setLang] = useState<Lang>(defaultLang);
  const t = messages[lang];
  return (
    <main lang={lang}>
      <header>
        <h1 data-testid="app-title">{t.appName}</h1>
        <p>{t.appTagline}</p>
        <button type="button" onClick={() => setLang(lang === 'hi' ? 'en' : 'hi')}>
          {t.switchLanguage}
        </button>
      </header>
    </main>
  );
}
