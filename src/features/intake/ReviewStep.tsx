import { paths } from '../../shell/router.ts';
import type { CaseSummary } from '../../data/case-store.ts';
import { caseDetailFields, type CaseDetailStep } from '../../domain/case-fields.ts';
import { caseStatuses } from '../../domain/vocabularies-case.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { intakeMessages } from '../../i18n/messages-intake.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Banner } from '../../ui/Banner.tsx';
import { Button, LinkButton } from '../../ui/Button.tsx';
import { reviewGroupsOf } from '../../forms/case-field-values.ts';
import type { CaseDetailsValues } from '../../forms/case-details-values.ts';

export type Duplicates =
  | { readonly state: 'checking' }
  | { readonly state: 'done'; readonly cases: readonly CaseSummary[] };

export function ReviewStep({
  values,
  isMinor,
  duplicates,
  stepLabels,
  onChangeStep,
}: {
  readonly values: CaseDetailsValues;
  readonly isMinor: boolean;
  readonly duplicates: Duplicates;
  readonly stepLabels: Readonly<Record<CaseDetailStep, string>>;
  /** Takes her back to a step to change its answers; the form keeps them all. */
  readonly onChangeStep: (step: CaseDetailStep) => void;
}) {
  const t = useMessages(intakeMessages);
  const lang = useLang();
  return (
    <div class="review">
      <p>{t.reviewIntro}</p>
      {reviewGroupsOf(caseDetailFields, values, lang).map((group) => (
        <section
          class="review-group"
          key={group.step}
          aria-labelledby={`review-${group.step}`}
          data-testid={`review-${group.step}`}
        >
          <div class="review-group-head">
            <h4 id={`review-${group.step}`}>{stepLabels[group.step]}</h4>
            <Button onClick={() => onChangeStep(group.step)} testId={`review-change-${group.step}`}>
              {t.reviewChange}
            </Button>
          </div>
          {group.rows.length === 0 ? (
            <p class="muted">{t.reviewNothingFilled}</p>
          ) : (
            <dl class="review-list">
              {group.rows.map((row) => (
                <div class="review-row" key={row.field}>
                  <dt>{row.label}</dt>
                  <dd>{row.value}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>
      ))}
      {isMinor ? <Banner tone="warning">{t.reviewMinor}</Banner> : null}
      {duplicates.state === 'checking' ? <p class="loading">{t.duplicatesChecking}</p> : null}
      {duplicates.state === 'done' && duplicates.cases.length === 0 ? (
        <p class="muted">{t.noDuplicates}</p>
      ) : null}
      {duplicates.state === 'done' && duplicates.cases.length > 0 ? (
        <section class="duplicates" data-testid="possible-duplicates" aria-live="polite">
          <h3>{t.duplicatesTitle}</h3>
          <p>{t.duplicatesIntro}</p>
          <ul class="duplicate-list">
            {duplicates.cases.map((summary) => (
              <li key={summary.id} class="duplicate">
                <span class="duplicate-text">
                  <strong>{summary.survivorName}</strong> · {summary.caseNumber}
                  {summary.survivorPhone ? ` · ${summary.survivorPhone}` : ''}
                  {summary.survivorAgeYears !== null ? ` · ${summary.survivorAgeYears}` : ''}{' '}
                  <Badge>{labelOf(caseStatuses, summary.status, lang)}</Badge>
                </span>
                <LinkButton href={paths.caseFile(summary.id)}>{t.openEarlierCase}</LinkButton>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
