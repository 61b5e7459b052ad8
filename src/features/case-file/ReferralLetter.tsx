import type { ReferralLetter as Letter } from '../../domain/referral-letter.ts';
import { fill } from '../../i18n/define-messages.ts';
import { referralLetterMessages } from '../../i18n/messages-paper.ts';

/**
 * One referral letter as it goes on paper, in the letter's own language. What it says
 * about her was decided by composeReferralLetter; this only lays it out.
 */
export function ReferralLetter({ letter }: { readonly letter: Letter }) {
  const t = referralLetterMessages[letter.lang];
  const { centre, sharing } = letter;
  return (
    <article class="referral-letter" lang={letter.lang} data-testid="referral-letter">
      <header class="letter-head">
        <p class="letter-centre" data-testid="letter-centre">
          <strong>{centre.name}</strong>
        </p>
        {centre.address ? <p data-testid="letter-centre-address">{centre.address}</p> : null}
        {centre.phone ? <p>{fill(t.centrePhone, { phone: centre.phone })}</p> : null}
        {centre.missing.map((detail) => (
          <p class="letter-missing" key={detail} data-testid={`letter-missing-${detail}`}>
            {detail === 'address' ? t.centreAddressMissing : t.centrePhoneMissing}
          </p>
        ))}
      </header>
      <h1 class="letter-title">{t.title}</h1>
      <p data-testid="letter-reference">{fill(t.reference, { reference: letter.reference })}</p>
      <p data-testid="letter-date">{fill(t.date, { date: letter.date })}</p>
      <p>{t.to}</p>
      <p class="letter-to" data-testid="letter-to">
        {letter.agency}
        {letter.agencyName ? <span>, {letter.agencyName}</span> : null}
      </p>
      <p>
        <strong>{fill(t.subject, { agency: letter.agency })}</strong>
      </p>
      <p>{t.body}</p>
      <p>
        {letter.referredOn ? fill(t.referredOn, { date: letter.referredOn }) : t.referralPlanned}
      </p>
      {sharing.isAllowed ? (
        <section data-testid="letter-about-her">
          <h2>{t.aboutHer}</h2>
          <dl class="letter-facts">
            {sharing.facts.map((fact) => (
              <div class="fact" key={fact.field} data-testid={`letter-fact-${fact.field}`}>
                <dt>{fact.label}</dt>
                <dd>{fact.value ?? t.notRecorded}</dd>
              </div>
            ))}
          </dl>
          <p>
            {sharing.consentGivenBy === null
              ? t.consentWhoNotRecorded
              : sharing.consentTakenOn === null
                ? fill(t.consentGivenNoDate, { by: sharing.consentGivenBy })
                : fill(t.consentGiven, {
                    by: sharing.consentGivenBy,
                    date: sharing.consentTakenOn,
                  })}
          </p>
        </section>
      ) : (
        <p class="letter-withheld" data-testid="letter-withheld">
          {sharing.reason === 'not_agreed' ? t.notAgreed : t.notRecordedConsent}
        </p>
      )}
      <p class="letter-signature">{t.signature}</p>
    </article>
  );
}
