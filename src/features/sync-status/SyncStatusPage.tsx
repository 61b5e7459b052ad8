import { mayReinstate } from '../../data/conflict-repository.ts';
import { mayResolveConflicts } from '../../domain/write-rules.ts';
import { useEffect, useState } from 'preact/hooks';
import { adviceForRejection, type RejectionAdvice } from '../../domain/rejection-advice.ts';
import { paths } from '../../shell/router.ts';
import { useOnline } from '../../shell/use-online.ts';
import { useStores } from '../../shell/stores.ts';
import { useLiveValue } from '../../shell/use-live-value.ts';
import type { ConflictGroup, RejectedChange, SyncReviewStore } from '../../data/sync-review.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { syncStatusMessages } from '../../i18n/messages-sync-status.ts';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import { formatDateTime } from '../../ui/datetime.ts';
import { ConflictList } from './ConflictList.tsx';
import { describeRejectedChange } from './rejected-change.ts';

export interface SyncStatusPageProps {
  /** After a retry or a resolution: ask for a sync run now rather than at the next minute. */
  readonly onRequestSync: () => void;
}

interface Review {
  readonly store: SyncReviewStore;
  readonly rejected: readonly RejectedChange[];
  /** Open conflicts, one group per write that lost (managers only). */
  readonly conflicts: readonly ConflictGroup[];
  /** Number and name of the cases the refused changes are on, where this tablet has them. */
  readonly cases: ReadonlyMap<string, { readonly number: string; readonly name: string }>;
}

/**
 * Sync at once, changes headquarters refused (kept, explained, retryable) and, for a manager,
 * open conflicts.
 */
export function SyncStatusPage({ onRequestSync }: SyncStatusPageProps) {
  const { openSyncReview, caseStore, staff } = useStores();
  const t = useMessages(syncStatusMessages);
  const isManager = mayResolveConflicts(staff);
  const [store, setStore] = useState<SyncReviewStore | null>(null);
  const [hasFailed, setFailed] = useState(false);
  const [isBusy, setBusy] = useState(false);
  useEffect(() => {
    openSyncReview().then(setStore, () => setFailed(true));
  }, [openSyncReview]);

  // Follows the store: a refusal, a pulled conflict or another manager's answer shows at once.
  const live = useLiveValue(
    store
      ? async (): Promise<Review> => {
          const [rejected, conflicts] = await Promise.all([
            store.listRejected(),
            isManager ? store.listOpenConflictGroups() : Promise.resolve([]),
          ]);
          const caseIds = [...new Set(rejected.map((change) => change.mutation.caseId))];
          const files = await Promise.all(caseIds.map((id) => caseStore.getCaseFile(id)));
          const cases = new Map(
            files.flatMap((file) =>
              file
                ? [[file.case.id, { number: file.case.caseNumber, name: file.case.survivorName }]]
                : [],
            ),
          );
          return { store, rejected, conflicts, cases };
        }
      : null,
    [store, isManager],
  );
  const review = live.state === 'done' ? live.value : null;

  const act = async (work: (store: SyncReviewStore) => Promise<unknown>) => {
    if (!review || isBusy) return;
    setFailed(false);
    setBusy(true);
    try {
      await work(review.store);
      onRequestSync();
    } catch {
      setFailed(true);
    }
    setBusy(false);
  };

  return (
    <section class="page page-sync-status" data-testid="sync-status-page">
      <h2>{t.title}</h2>
      <SyncNow onRequestSync={onRequestSync} />
      {hasFailed || live.state === 'failed' ? (
        <Banner tone="danger">{t.actionFailed}</Banner>
      ) : null}
      {review === null ? (
        <p class="loading">{t.loading}</p>
      ) : (
        <>
          <RejectedList
            review={review}
            onRetry={(mutationId) => act((store) => store.retryRejected(mutationId))}
          />
          {isManager ? (
            <ConflictList
              groups={review.conflicts}
              userId={staff.userId}
              isBusy={isBusy}
              canReinstate={(group) => mayReinstate(staff, group)}
              onResolve={(group, resolution) =>
                void act((store) =>
                  store.resolveConflictGroup(
                    group.conflicts.map((conflict) => conflict.id),
                    resolution,
                  ),
                )
              }
            />
          ) : null}
        </>
      )}
    </section>
  );
}

/**
 * Sync runs by itself every minute; before she walks out of the centre's reach, or the
 * moment a signal appears, she can start it herself. Offline the button would do nothing,
 * so it says why instead of pretending.
 */
function SyncNow({ onRequestSync }: { readonly onRequestSync: () => void }) {
  const t = useMessages(syncStatusMessages);
  const isOnline = useOnline();
  const [hasStarted, setStarted] = useState(false);
  return (
    <section class="sync-now" aria-labelledby="sync-now-hint">
      <p id="sync-now-hint" class="muted">
        {t.syncNowHint}
      </p>
      <Button
        variant="primary"
        testId="sync-now"
        disabled={!isOnline}
        onClick={() => {
          setStarted(true);
          onRequestSync();
        }}
      >
        {t.syncNow}
      </Button>
      {!isOnline ? (
        <p role="status" data-testid="sync-now-offline">
          {t.syncNowOffline}
        </p>
      ) : hasStarted ? (
        <p role="status" data-testid="sync-now-started">
          {t.syncNowStarted}
        </p>
      ) : null}
    </section>
  );
}

function RejectedList({
  review,
  onRetry,
}: {
  readonly review: Review;
  readonly onRetry: (mutationId: string) => Promise<void>;
}) {
  const t = useMessages(syncStatusMessages);
  const lang = useLang();
  const caseName = ({ mutation }: RejectedChange) => {
    const found = review.cases.get(mutation.caseId);
    return found ? fill(t.conflictCase, found) : t.unknownCase;
  };
  return (
    <section aria-labelledby="rejected-title">
      <h3 id="rejected-title">{t.rejectedTitle}</h3>
      {review.rejected.length === 0 ? (
        <p data-testid="no-rejected">{t.noRejected}</p>
      ) : (
        <>
          <p>{t.rejectedIntro}</p>
          <ul class="card-list">
            {review.rejected.map((change) => {
              const advice = adviceForRejection(change.code);
              return (
                <li key={change.mutation.id} class="card" data-testid="rejected-change">
                  <strong>{caseName(change)}</strong>
                  <p data-testid="rejected-what">{describeRejectedChange(change.mutation, lang)}</p>
                  <p data-testid="rejected-reason">{change.reason[lang]}</p>
                  <p data-testid="rejected-advice">{adviceText[advice](t)}</p>
                  <p class="muted">
                    {fill(t.rejectedAt, { time: formatDateTime(change.rejectedAt, lang) })}
                  </p>
                  {advice === 'retry' ? (
                    <Button
                      testId="retry-rejected"
                      onClick={() => void onRetry(change.mutation.id)}
                    >
                      {t.retry}
                    </Button>
                  ) : review.cases.has(change.mutation.caseId) ? (
                    <a
                      href={paths.caseFile(change.mutation.caseId)}
                      data-testid="rejected-open-case"
                    >
                      {t.openCase}
                    </a>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

const adviceText: Readonly<
  Record<RejectionAdvice, (t: (typeof syncStatusMessages)['en']) => string>
> = {
  retry: (t) => t.adviceRetry,
  correct_and_save: (t) => t.adviceCorrect,
  ask_manager: (t) => t.adviceAskManager,
  report: (t) => t.adviceReport,
};
