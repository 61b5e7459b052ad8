import type { CaseSummary } from '../../data/case-store.ts';
import { caseStatuses, riskLevels } from '../../domain/vocabularies-case.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { fill } from '../../i18n/define-messages.ts';
import type { Lang } from '../../i18n/lang.ts';
import { caseListMessages } from '../../i18n/messages-cases.ts';
import { Badge, type BadgeTone } from '../../ui/Badge.tsx';

export const caseRowHeightPx = 76;

const riskTone = { low: 'success', medium: 'warning', high: 'danger' } as const satisfies Record<
  string,
  BadgeTone
>;
const statusTone = {
  open: 'info',
  in_stay: 'warning',
  referred: 'info',
  closed: 'neutral',
} as const satisfies Record<string, BadgeTone>;

/** One case in the list: one line of who, one of where her case stands. Fixed height (see VirtualList). */
export function CaseRow({
  summary,
  href,
  lang,
  isNotYetSent = false,
}: {
  readonly summary: CaseSummary;
  readonly href: string;
  readonly lang: Lang;
  /** Changes to this case saved here have not reached headquarters yet. */
  readonly isNotYetSent?: boolean;
}) {
  const t = caseListMessages[lang];
  return (
    <a href={href} class="case-row" data-testid="case-row">
      <span class="case-row-line">
        <span class="case-row-name">{summary.survivorName}</span>
        {summary.survivorAlias ? (
          <span class="case-row-alias">{fill(t.alias, { alias: summary.survivorAlias })}</span>
        ) : null}
        <span class="case-row-age">
          {summary.survivorAgeYears === null
            ? t.ageUnknown
            : fill(t.ageYears, { n: summary.survivorAgeYears })}
        </span>
      </span>
      <span class="case-row-line">
        <span class="case-row-number">{summary.caseNumber}</span>
        <Badge tone={statusTone[summary.status]}>
          {labelOf(caseStatuses, summary.status, lang)}
        </Badge>
        {summary.riskLevel ? (
          <Badge tone={riskTone[summary.riskLevel]}>
            {labelOf(riskLevels, summary.riskLevel, lang)}
          </Badge>
        ) : null}
        {summary.isInStay && summary.status !== 'in_stay' ? (
          <Badge tone="warning">{t.inStay}</Badge>
        ) : null}
        {summary.isStayOverdue ? <Badge tone="danger">{t.stayOverdue}</Badge> : null}
        {summary.isFollowUpOverdue ? <Badge tone="danger">{t.followUpOverdue}</Badge> : null}
        {isNotYetSent ? (
          <Badge tone="neutral" testId="case-row-not-sent">
            {t.notYetSent}
          </Badge>
        ) : null}
      </span>
    </a>
  );
}
