import type { CaseFile } from '../../data/case-store.ts';
import { referralAgencies } from '../../domain/vocabularies-entries.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { paperMessages } from '../../i18n/messages-paper.ts';
import { paths } from '../../shell/router.ts';
import { Button } from '../../ui/Button.tsx';
import { formatIndiaDate } from '../../domain/referral-letter.ts';
import { indiaDateOf } from '../../domain/india-time.ts';
import { useStores } from '../../shell/stores.ts';
import './paper.css';

/** Printing her case summary, and a letter for each of her referrals. Never on paper itself. */
export function CasePaper({ file }: { readonly file: CaseFile }) {
  const t = useMessages(paperMessages);
  const lang = useLang();
  const { centre } = useStores();
  const referrals = file.entries.flatMap((item) =>
    item.entryType === 'referral' && !item.entry.deleted ? [item.entry] : [],
  );
  return (
    <>
      <p class="print-only" data-testid="print-heading">
        {lang === 'hi' ? centre.nameHi : centre.nameEn} ·{' '}
        {fill(t.printedOn, { date: formatIndiaDate(indiaDateOf(new Date())) })}
      </p>
      <section class="case-paper no-print" data-testid="case-paper">
        <Button onClick={() => window.print()} testId="print-case">
          {t.print}
        </Button>
        {referrals.length > 0 ? (
          <nav aria-label={t.letters} class="letter-links">
            <span>{t.letters}:</span>
            {referrals.map((referral) => (
              <a
                key={referral.id}
                href={paths.referralLetter(file.case.id, referral.id)}
                data-testid={`letter-link-${referral.agency}`}
              >
                {fill(t.letterFor, {
                  agency: [labelOf(referralAgencies, referral.agency, lang), referral.agencyName]
                    .filter(Boolean)
                    .join(', '),
                })}
              </a>
            ))}
          </nav>
        ) : null}
      </section>
    </>
  );
}
