import { paths } from '../../shell/router.ts';
import type { ConflictWriter } from '../../domain/conflict-review.ts';
import type { ConflictGroup, ConflictResolution } from '../../data/sync-review.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { syncStatusMessages } from '../../i18n/messages-sync-status.ts';
import { Button } from '../../ui/Button.tsx';
import { formatDateTime } from '../../ui/datetime.ts';
import { labelOfField, labelOfRecord, showFieldValue } from './conflict-fields.ts';

export interface ConflictListProps {
  readonly groups: readonly ConflictGroup[];
  /** The signed-in staff member, who reads her own id as "you". */
  readonly userId: string;
  /** While an answer is being saved, so a second tap does not answer twice. */
  readonly isBusy: boolean;
  readonly onResolve: (group: ConflictGroup, resolution: ConflictResolution) => void;
  /** Whether she may write the losing values again in her own name (mayReinstate). */
  readonly canReinstate: (group: ConflictGroup) => boolean;
}

/** A manager's open conflicts: one card per write that lost, one answer per card. */
export function ConflictList({
  groups,
  userId,
  isBusy,
  onResolve,
  canReinstate,
}: ConflictListProps) {
  const t = useMessages(syncStatusMessages);
  return (
    <section aria-labelledby="conflicts-title">
      <h3 id="conflicts-title">{t.conflictsTitle}</h3>
      {groups.length === 0 ? (
        <p data-testid="no-conflicts">{t.noConflicts}</p>
      ) : (
        <>
          <p>{t.conflictsIntro}</p>
          <ul class="card-list">
            {groups.map((group) => (
              <ConflictCard
                key={group.key}
                group={group}
                userId={userId}
                isBusy={isBusy}
                onResolve={onResolve}
                canReinstate={canReinstate}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ConflictCard({
  group,
  userId,
  isBusy,
  onResolve,
  canReinstate,
}: Omit<ConflictListProps, 'groups'> & { readonly group: ConflictGroup }) {
  const t = useMessages(syncStatusMessages);
  const lang = useLang();
  const headingId = `conflict-${group.conflicts[0]!.id}`;
  const isMany = group.conflicts.length > 1;
  const value = (field: string, shown: unknown) =>
    showFieldValue(group.recordType, field, shown, { lang, userId });
  return (
    <li class="card conflict-card" data-testid="open-conflict">
      <h4 id={headingId} data-testid="conflict-case">
        {group.caseNumber === null
          ? t.conflictCaseNotHere
          : fill(t.conflictCase, {
              number: group.caseNumber,
              name: group.survivorName ?? t.valueEmpty,
            })}
      </h4>
      <p class="muted">
        {labelOfRecord(group.recordType, lang)} ·{' '}
        <a href={paths.caseFile(group.caseId)} data-testid="conflict-case-link">
          {t.openCase}
        </a>
      </p>
      <table class="conflict-fields">
        <thead>
          <tr>
            <th scope="col">{t.columnField}</th>
            <th scope="col">{t.columnLost}</th>
            <th scope="col">{t.columnCurrent}</th>
          </tr>
        </thead>
        <tbody>
          {group.conflicts.map((conflict) => (
            <tr key={conflict.id} data-testid="conflict-field">
              <th scope="row">{labelOfField(group.recordType, conflict.field, lang)}</th>
              <td data-testid="conflict-value">{value(conflict.field, conflict.value)}</td>
              <td data-testid="conflict-current">{value(conflict.field, conflict.currentValue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted" data-testid="conflict-who">
        {fill(t.conflictWho, { who: writerName(group.writer, t) })}
      </p>
      <p class="muted" data-testid="conflict-when">
        {fill(t.conflictWhen, { time: formatDateTime(group.detectedAt, lang) })}
      </p>
      <div class="actions" role="group" aria-labelledby={headingId}>
        <Button testId="conflict-keep" disabled={isBusy} onClick={() => onResolve(group, 'kept')}>
          {isMany ? t.keepCurrentMany : t.keepCurrent}
        </Button>
        {canReinstate(group) ? (
          <Button
            testId="conflict-reinstate"
            variant="primary"
            disabled={isBusy}
            onClick={() => onResolve(group, 'reinstated')}
          >
            {isMany ? t.reinstateMany : t.reinstate}
          </Button>
        ) : null}
      </div>
    </li>
  );
}

function writerName(
  writer: ConflictWriter,
  t: Readonly<Record<keyof typeof syncStatusMessages.hi, string>>,
): string {
  switch (writer.kind) {
    case 'named':
      return writer.name;
    case 'you':
      return t.writerYou;
    case 'thisTablet':
      return t.writerThisTablet;
    case 'otherTablet':
      return fill(t.writerOtherTablet, { tag: writer.deviceTag });
  }
}
