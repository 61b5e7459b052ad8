import type { ComponentChildren } from 'preact';
import { paths } from '../../shell/router.ts';
import { useStores } from '../../shell/stores.ts';
import { useLiveValue } from '../../shell/use-live-value.ts';
import { StoreError, type CaseSummary, type TodayList } from '../../data/case-store.ts';
import { isStayOverdue, stayEndDate } from '../../domain/entry-rules.ts';
import { indiaDateOf } from '../../domain/india-time.ts';
import {
  followUpModes,
  referralAgencies,
  referralStatuses,
} from '../../domain/vocabularies-entries.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { todayMessages } from '../../i18n/messages-today.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Banner } from '../../ui/Banner.tsx';
import { formatDate } from '../../ui/datetime.ts';

type Loaded =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly reason: string }
  | { readonly state: 'open'; readonly list: TodayList };

/** What the centre has to do today: follow-ups due and late, stays ending, referrals unanswered. */
export function TodayPage() {
  const { caseStore } = useStores();
  const t = useMessages(todayMessages);
  const lang = useLang();
  const today = indiaDateOf(new Date());
  // Follows the store: a pulled follow-up or another tab's discharge shows at once.
  const live = useLiveValue(() => caseStore.today(today), [today]);
  const loaded: Loaded =
    live.state === 'done'
      ? { state: 'open', list: live.value }
      : live.state === 'failed'
        ? {
            state: 'failed',
            reason:
              live.error instanceof StoreError ? live.error.userMessage[lang] : String(live.error),
          }
        : { state: 'loading' };

  return (
    <section class="page page-today">
      <h2>{fill(t.title, { date: formatDate(today, lang) })}</h2>
      {loaded.state === 'loading' ? <p class="loading">{t.loading}</p> : null}
      {loaded.state === 'failed' ? (
        <Banner tone="danger">{fill(t.loadFailed, { reason: loaded.reason })}</Banner>
      ) : null}
      {loaded.state === 'open' ? <TodayLists list={loaded.list} /> : null}
    </section>
  );
}

function TodayLists({ list }: { readonly list: TodayList }) {
  const t = useMessages(todayMessages);
  const lang = useLang();
  const now = new Date();
  const isEmpty =
    list.followUpsOverdue.length +
      list.followUpsDue.length +
      list.staysEnding.length +
      list.referralsWaiting.length ===
    0;
  if (isEmpty)
    return (
      <p class="muted" data-testid="today-clear">
        {t.allClear}
      </p>
    );
  return (
    <div class="today-grid">
      <TodaySection
        title={t.followUpsOverdue}
        testId="today-followups-overdue"
        tone="danger"
        items={list.followUpsOverdue.map(({ summary, followUp }) => ({
          key: followUp.id,
          summary,
          detail: (
            <>
              {fill(t.dueOn, { date: formatDate(followUp.dueDate, lang) })} ·{' '}
              {labelOf(followUpModes, followUp.mode, lang)}
            </>
          ),
        }))}
      />
      <TodaySection
        title={t.followUpsDue}
        testId="today-followups-due"
        items={list.followUpsDue.map(({ summary, followUp }) => ({
          key: followUp.id,
          summary,
          detail: <>{labelOf(followUpModes, followUp.mode, lang)}</>,
        }))}
      />
      <TodaySection
        title={t.staysEnding}
        testId="today-stays-ending"
        items={list.staysEnding.map(({ summary, stay }) => ({
          key: stay.id,
          summary,
          detail: (
            <>
              {fill(t.endsOn, { date: formatDate(stayEndDate(stay), lang) })}{' '}
              {isStayOverdue(stay, now) ? <Badge tone="danger">{t.overdue}</Badge> : null}
            </>
          ),
        }))}
      />
      <TodaySection
        title={t.referralsWaiting}
        testId="today-referrals-waiting"
        items={list.referralsWaiting.map(({ summary, referral }) => ({
          key: referral.id,
          summary,
          detail: (
            <>
              {labelOf(referralAgencies, referral.agency, lang)} ·{' '}
              {/* The status already says sent or planned; the date is all that is left to add. */}
              {labelOf(referralStatuses, referral.status, lang)}
              {referral.referredAt
                ? ` · ${formatDate(indiaDateOf(referral.referredAt), lang)}`
                : ''}
            </>
          ),
        }))}
      />
    </div>
  );
}

function TodaySection({
  title,
  items,
  testId,
  tone,
}: {
  readonly title: string;
  readonly items: readonly { key: string; summary: CaseSummary; detail: ComponentChildren }[];
  readonly testId: string;
  readonly tone?: 'danger';
}) {
  const t = useMessages(todayMessages);
  return (
    <section class={tone ? `today-section today-${tone}` : 'today-section'} data-testid={testId}>
      <h3>
        {title} <span class="count">{items.length}</span>
      </h3>
      {items.length === 0 ? (
        <p class="muted">{t.none}</p>
      ) : (
        <ul class="today-list">
          {items.map(({ key, summary, detail }) => (
            <li key={key}>
              <a href={paths.caseFile(summary.id)} class="today-item">
                <span class="today-name">{summary.survivorName}</span>{' '}
                <span class="case-row-number">{summary.caseNumber}</span>
                <span class="today-detail">{detail}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
