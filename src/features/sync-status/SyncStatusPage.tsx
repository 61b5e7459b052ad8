import { mayReinstate } from '../../data/conflict-repository.ts';
import { mayResolveConflicts } from '../../domain/write-rules.ts';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useStores } from '../../shell/stores.ts';
import type { ConflictGroup, RejectedChange, SyncReviewStore } from '../../data/sync-review.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { syncStatusMessages } from '../../i18n/messages-sync-status.ts';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import { formatDateTime } from '../../ui/datetime.ts';
import { ConflictList } from './ConflictList.tsx';

export interface SyncStatusPageProps {
  /** After a retry or a resolution: ask for a sync run now rather than at the next minute. */
  readonly onRequestSync: () => void;
}

interface Review {
  readonly store: SyncReviewStore;
  readonly rejected: readonly RejectedChange[];
  /** Open conflicts, one group per write that lost (managers only). */
  readonly conflicts: readonly ConflictGroup[];
  /** Case numbers of the cases the lists name, where this tablet has the case. */
  readonly caseNumbers: ReadonlyMap<string, string>;
}

/** Changes headquarters refused (kept, explained, retryable) and, for a manager, open conflicts. */
export function SyncStatusPage({ onRequestSync }: SyncStatusPageProps) {
  const { openSyncReview, caseStore, staff } = useStores();
  const t = useMessages(syncStatusMessages);
  const isManager = mayResolveConflicts(staff);
  const [review, setReview] = useState<Review | null>(null);
  const [hasFailed, setFailed] = useState(false);
  const [isBusy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const store = await openSyncReview();
    const [rejected, conflicts] = await Promise.all([
      store.listRejected(),
      isManager ? store.listOpenConflictGroups() : Promise.resolve([]),
    ]);
    const caseIds = new Set(rejected.map((change) => change.mutation.caseId));
    const caseNumbers = new Map<string, string>();
    for (const caseId of caseIds) {
      const file = await caseStore.getCaseFile(caseId);
      if (file) caseNumbers.set(caseId, file.case.caseNumber);
    }
    return { store, rejected, conflicts, caseNumbers };
  }, [openSyncReview, caseStore, isManager]);

  const reload = useCallback(() => {
    load().then(setReview, () => setFailed(true));
  }, [load]);
  useEffect(reload, [reload]);

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
    // After a failure too: another tablet may have answered meanwhile, and the list shows it.
    try {
      setReview(await load());
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page page-sync-status" data-testid="sync-status-page">
      <h2>{t.title}</h2>
      {hasFailed ? <Banner tone="danger">{t.actionFailed}</Banner> : null}
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

function RejectedList({
  review,
  onRetry,
}: {
  readonly review: Review;
  readonly onRetry: (mutationId: string) => Promise<void>;
}) {
  const t = useMessages(syncStatusMessages);
  const lang = useLang();
  const recordName = ({ mutation }: RejectedChange) => {
    const number = review.caseNumbers.get(mutation.caseId) ?? t.unknownCase;
    if (mutation.recordType === 'case') return fill(t.recordCase, { number });
    if (mutation.recordType === 'conflict') return fill(t.recordConflict, { number });
    return fill(t.recordEntry, { number });
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
            {review.rejected.map((change) => (
              <li key={change.mutation.id} class="card" data-testid="rejected-change">
                <strong>{recordName(change)}</strong>
                <p data-testid="rejected-reason">{change.reason[lang]}</p>
                <p class="muted">
                  {fill(t.changedFields, {
                    fields: Object.keys(change.mutation.fields).join(', '),
                  })}
                </p>
                <p class="muted">
                  {fill(t.rejectedAt, { time: formatDateTime(change.rejectedAt, lang) })}
                </p>
                <Button testId="retry-rejected" onClick={() => void onRetry(change.mutation.id)}>
                  {t.retry}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
