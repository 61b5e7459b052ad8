import { useCallback, useEffect, useState } from 'preact/hooks';
import { paths } from '../../shell/router.ts';
import { useStores } from '../../shell/stores.ts';
import { useLiveValue } from '../../shell/use-live-value.ts';
import type { CaseFilter, CaseSummary } from '../../data/case-store.ts';
import type { CaseStatus, RiskLevel } from '../../domain/code-schemas.ts';
import { caseStatuses, riskLevels } from '../../domain/vocabularies-case.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { caseListMessages } from '../../i18n/messages-cases.ts';
import { Banner } from '../../ui/Banner.tsx';
import { LinkButton } from '../../ui/Button.tsx';
import { TextField } from '../../ui/Field.tsx';
import { VirtualList } from '../../ui/VirtualList.tsx';
import { VocabularySelect } from '../../ui/VocabularySelect.tsx';
import type * as AssignedFilterExports from './AssignedFilter.tsx';
import { CaseRow, caseRowHeightPx } from './CaseRow.tsx';

// Short enough to feel instant, long enough not to search on every key of a fast typist.
const searchDelayMs = 120;
// Rows fetched at a time: a few screens' worth. Scrolling near the end fetches the next page.
const pageSize = 200;

interface Filters {
  readonly status: CaseStatus | '';
  readonly riskLevel: RiskLevel | '';
  readonly isInStay: boolean;
  readonly isFollowUpOverdue: boolean;
  /** A staff member's user id; '' for everyone's cases. */
  readonly assignedTo: string;
}

function toCaseFilter(filters: Filters): CaseFilter {
  return {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.riskLevel ? { riskLevel: filters.riskLevel } : {}),
    ...(filters.isInStay ? { isInStay: true } : {}),
    ...(filters.isFollowUpOverdue ? { isFollowUpOverdue: true } : {}),
    ...(filters.assignedTo ? { assignedTo: filters.assignedTo } : {}),
  };
}

type Results =
  | { readonly state: 'loading' }
  | { readonly state: 'done'; readonly cases: readonly CaseSummary[]; readonly hasMore: boolean }
  | { readonly state: 'failed'; readonly reason: string };

/** `value`, once it has stayed the same for `delayMs`. */
function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** The list as the store holds it now: a pulled page or another tab's save shows at once. */
function useCaseSearch(
  query: string,
  filters: Filters,
): {
  readonly results: Results;
  readonly notYetSent: ReadonlySet<string>;
  /** No sync has pushed and pulled here yet: an empty list may still be filling. */
  readonly isArriving: boolean;
  readonly showMore: () => void;
} {
  const { caseStore } = useStores();
  const [limit, setLimit] = useState(pageSize);
  useEffect(() => setLimit(pageSize), [query, filters]);
  const settledQuery = useSettled(query.trim(), searchDelayMs);
  const live = useLiveValue(async () => {
    const [cases, notYetSent, hasFinishedFullSync] = await Promise.all([
      caseStore.searchCases(settledQuery, toCaseFilter(filters), limit),
      caseStore.listCasesNotYetSent(),
      caseStore.hasFinishedFullSync(),
    ]);
    return { cases, notYetSent, isArriving: !hasFinishedFullSync };
  }, [settledQuery, filters, limit]);
  const results: Results =
    live.state === 'done'
      ? { state: 'done', cases: live.value.cases, hasMore: live.value.cases.length >= limit }
      : live.state === 'failed'
        ? {
            state: 'failed',
            reason: live.error instanceof Error ? live.error.message : String(live.error),
          }
        : { state: 'loading' };
  const notYetSent = live.state === 'done' ? live.value.notYetSent : noCases;
  const isArriving = live.state === 'done' && live.value.isArriving;
  const shownCount = results.state === 'done' ? results.cases.length : 0;
  const hasMore = results.state === 'done' && results.hasMore;
  const showMore = useCallback(() => {
    if (hasMore) setLimit((current) => (current <= shownCount ? current + pageSize : current));
  }, [hasMore, shownCount]);
  return { results, notYetSent, isArriving, showMore };
}

const noCases: ReadonlySet<string> = new Set();

type AssignedFilterModule = typeof AssignedFilterExports;

/** The filter by staff member loads after the first screen, which must stay small over 2G. */
function useAssignedFilter(): AssignedFilterModule | null {
  const [module, setModule] = useState<AssignedFilterModule | null>(null);
  useEffect(() => {
    let isCurrent = true;
    import('./AssignedFilter.tsx').then(
      (loaded) => isCurrent && setModule(loaded),
      (error: unknown) => console.warn('Sakhi: the staff filter could not load', error),
    );
    return () => {
      isCurrent = false;
    };
  }, []);
  return module;
}

/** `assignedTo`: a staff member's user id to list only her cases (the caseload's links); '' for all. */
export function CaseListPage({ assignedTo = '' }: { readonly assignedTo?: string }) {
  const t = useMessages(caseListMessages);
  const assigned = useAssignedFilter();
  const lang = useLang();
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<Filters>({
    status: '',
    riskLevel: '',
    isInStay: false,
    isFollowUpOverdue: false,
    assignedTo,
  });
  const { results, notYetSent, isArriving, showMore } = useCaseSearch(query, filters);
  const hasCriteria = query.trim() !== '' || Object.keys(toCaseFilter(filters)).length > 0;

  return (
    <section class="page page-cases">
      <div class="page-heading">
        <h2>{t.title}</h2>
        {assigned ? <assigned.CaseloadLink /> : null}
        <LinkButton href={paths.newCase} variant="primary" testId="new-case">
          {t.newCase}
        </LinkButton>
      </div>
      <div class="search-bar">
        <TextField
          type="search"
          name="q"
          label={t.searchLabel}
          hint={t.searchHint}
          value={query}
          onInput={setQuery}
        />
      </div>
      <div class="filters">
        {assigned ? (
          <assigned.AssignedFilter
            value={filters.assignedTo}
            onChange={(staffId) => setFilters({ ...filters, assignedTo: staffId })}
          />
        ) : null}
        <VocabularySelect
          label={t.filterStatus}
          vocabulary={caseStatuses}
          value={filters.status}
          emptyLabel={t.filterAll}
          name="status"
          onChange={(status) => setFilters({ ...filters, status })}
        />
        <VocabularySelect
          label={t.filterRisk}
          vocabulary={riskLevels}
          value={filters.riskLevel}
          emptyLabel={t.filterAll}
          name="risk"
          onChange={(riskLevel) => setFilters({ ...filters, riskLevel })}
        />
        <label class="check filter-check">
          <input
            type="checkbox"
            name="inStay"
            checked={filters.isInStay}
            onChange={(event) => setFilters({ ...filters, isInStay: event.currentTarget.checked })}
          />
          <span>{t.filterInStay}</span>
        </label>
        <label class="check filter-check">
          <input
            type="checkbox"
            name="followUpOverdue"
            checked={filters.isFollowUpOverdue}
            onChange={(event) =>
              setFilters({ ...filters, isFollowUpOverdue: event.currentTarget.checked })
            }
          />
          <span>{t.filterFollowUpOverdue}</span>
        </label>
      </div>
      {results.state === 'failed' ? (
        <Banner tone="danger">{fill(t.searchFailed, { reason: results.reason })}</Banner>
      ) : null}
      {results.state === 'done' ? (
        <>
          <p class="result-count" data-testid="result-count" role="status">
            {results.cases.length === 1
              ? t.resultCountOne
              : fill(t.resultCount, { n: `${results.cases.length}${results.hasMore ? '+' : ''}` })}
          </p>
          {results.cases.length === 0 ? (
            <div class="empty">
              <p
                data-testid={
                  hasCriteria ? 'no-matches' : isArriving ? 'cases-arriving' : 'no-cases'
                }
              >
                {hasCriteria ? t.noMatches : isArriving ? t.casesArriving : t.noCases}
              </p>
              {hasCriteria ? null : (
                <LinkButton href={paths.newCase} variant="primary">
                  {t.registerFirst}
                </LinkButton>
              )}
            </div>
          ) : (
            <VirtualList
              rows={results.cases}
              rowHeight={caseRowHeightPx}
              rowKey={(summary) => summary.id}
              label={t.listLabel}
              testId="case-list"
              onNearEnd={showMore}
              renderRow={(summary) => (
                <CaseRow
                  summary={summary}
                  href={paths.caseFile(summary.id)}
                  lang={lang}
                  isNotYetSent={notYetSent.has(summary.id)}
                />
              )}
            />
          )}
        </>
      ) : null}
    </section>
  );
}
