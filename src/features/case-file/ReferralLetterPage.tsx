import { useState } from 'preact/hooks';
import { composeReferralLetter } from '../../domain/referral-letter.ts';
import { langs } from '../../domain/vocabulary.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { useLang, type Lang } from '../../i18n/lang.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { paperMessages } from '../../i18n/messages-paper.ts';
import { paths } from '../../shell/router.ts';
import { useStores } from '../../shell/stores.ts';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import { ReferralLetter } from './ReferralLetter.tsx';
import { useCaseFile } from './use-case-file.ts';
import './paper.css';

const languageNames: Record<Lang, string> = { hi: 'हिन्दी', en: 'English' };

/**
 * A referral's letter, ready to print. Its language is chosen here for the agency that
 * will read it, whatever language the app is in.
 */
export function ReferralLetterPage({
  caseId,
  referralId,
}: {
  readonly caseId: string;
  readonly referralId: string;
}) {
  const t = useMessages(paperMessages);
  const tCase = useMessages(caseFileMessages);
  const lang = useLang();
  const { centre } = useStores();
  const { loaded } = useCaseFile(caseId, lang);
  const [letterLang, setLetterLang] = useState<Lang>(lang);

  if (loaded.state === 'loading') return <p class="loading">{t.letterLoading}</p>;
  const referral =
    loaded.state === 'open'
      ? loaded.file.entries.flatMap((item) =>
          item.entryType === 'referral' && item.entry.id === referralId && !item.entry.deleted
            ? [item.entry]
            : [],
        )[0]
      : undefined;
  if (loaded.state !== 'open' || !referral) {
    return (
      <section class="page">
        <a href={paths.caseFile(caseId)}>{t.backToCase}</a>
        <Banner tone="warning" testId="letter-missing">
          {loaded.state === 'open' ? t.referralMissing : tCase.notFound}
        </Banner>
      </section>
    );
  }
  const letter = composeReferralLetter({
    caseFile: loaded.file.case,
    referral,
    centre,
    lang: letterLang,
    now: new Date(),
  });
  return (
    <section class="page page-letter">
      <div class="paper-controls">
        <a href={paths.caseFile(caseId)} class="back-link">
          {t.backToCase}
        </a>
        <fieldset class="letter-language">
          <legend>{t.letterLanguage}</legend>
          {langs.map((code) => (
            <label key={code} lang={code}>
              <input
                type="radio"
                name="letter-language"
                value={code}
                checked={letterLang === code}
                onChange={() => setLetterLang(code)}
                data-testid={`letter-lang-${code}`}
              />{' '}
              {languageNames[code]}
            </label>
          ))}
        </fieldset>
        <Button variant="primary" onClick={() => window.print()} testId="print-letter">
          {t.print}
        </Button>
      </div>
      <ReferralLetter letter={letter} />
    </section>
  );
}
