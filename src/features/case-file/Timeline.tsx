import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useStores } from '../../shell/stores.ts';
import type { CaseEntry } from '../../data/case-store.ts';
import type { Case } from '../../domain/case.ts';
import type { EntryKind } from '../../domain/entries.ts';
import { isFollowUpOverdue, isStayOverdue, stayEndDate } from '../../domain/entry-rules.ts';
import { indiaDateOf } from '../../domain/india-time.ts';
import {
  dischargeDestinations,
  followUpModes,
  referralAgencies,
  referralStatuses,
  serviceKinds,
} from '../../domain/vocabularies-entries.ts';
import { arrivalRoutes } from '../../domain/vocabularies-case.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { assignmentMessages } from '../../i18n/messages-assignment.ts';
import { entryEditMessages } from '../../i18n/messages-entry-edit.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { formatDate, formatDateTime } from '../../ui/datetime.ts';
import { FollowUpDoneForm, FollowUpForm } from './FollowUpForms.tsx';
import { ReferralForm, ReferralStatusForm } from './ReferralForms.tsx';
import { ReferralStepList } from './ReferralStepList.tsx';
import { ServiceForm } from './ServiceForm.tsx';
import { AdmitForm, DischargeForm, ExtendStayForm } from './StayForms.tsx';
import { errorText } from './use-case-file.ts';
import { nameWriter, useStaffNames } from './use-staff-names.ts';

type OpenForm = {
  readonly entryId: string;
  readonly form: 'discharge' | 'extend' | 'referralStatus' | 'followUpDone' | 'correct';
} | null;

/** Every entry on the case, newest first, each with what can be done to it. */
export function Timeline({
  caseFile,
  entries,
  isClosed,
}: {
  readonly caseFile: Case;
  readonly entries: readonly CaseEntry[];
  /** A closed case's entries are its final record: nothing on them is offered (closure.ts). */
  readonly isClosed: boolean;
}) {
  const t = useMessages(caseFileMessages);
  const tEdit = useMessages(entryEditMessages);
  const tAssign = useMessages(assignmentMessages);
  const [openForm, setOpenForm] = useState<OpenForm>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { caseStore } = useStores();
  const lang = useLang();
  const names = useStaffNames();
  const arrivalChange =
    caseFile.arrivalRouteChangedAt == null ? null : (
      <li class="timeline-entry timeline-arrival" data-testid="entry-arrival">
        <EntryText
          kind={tEdit.entryArrival}
          when={formatDateTime(caseFile.arrivalRouteChangedAt, lang)}
          title={fill(tEdit.arrivalChanged, {
            route: labelOf(arrivalRoutes, caseFile.arrivalRoute, lang),
          })}
        />
        <p class="entry-by" data-testid="entry-by">
          {fill(t.recordedBy, {
            name: nameWriter(caseFile.arrivalRouteChangedBy ?? '', names, t.aColleague),
          })}
        </p>
      </li>
    );
  const assignmentChange =
    caseFile.assignedAt == null ? null : (
      <li class="timeline-entry timeline-assignment" data-testid="entry-assignment">
        <EntryText
          kind={tAssign.entryAssigned}
          when={formatDateTime(caseFile.assignedAt, lang)}
          title={fill(tAssign.assignedToNames, {
            names: (caseFile.assignedStaffIds ?? [])
              .map((id) => nameWriter(id, names, t.aColleague))
              .join(', '),
          })}
        />
        <p class="entry-by" data-testid="entry-by">
          {fill(t.recordedBy, {
            name: nameWriter(caseFile.assignedBy ?? '', names, t.aColleague),
          })}
        </p>
      </li>
    );
  if (entries.length === 0 && arrivalChange === null && assignmentChange === null) {
    return <p class="muted">{t.timelineEmpty}</p>;
  }

  // The page follows the store (useCaseFile): a saved change shows without reading again.
  const done = () => setOpenForm(null);
  const remove = async (entryType: EntryKind, entryId: string) => {
    try {
      await caseStore.removeEntry(entryType, entryId);
      setFailure(null);
    } catch (error) {
      setFailure(errorText(error, lang));
    }
  };

  return (
    <>
      {failure ? <p class="field-error">{fill(t.saveFailed, { reason: failure })}</p> : null}
      <ol class="timeline" data-testid="timeline">
        {assignmentChange}
        {arrivalChange}
        {[...entries].reverse().map((item) => {
          const actions = (children: ComponentChildren) =>
            isClosed ? null : (
              <div class="timeline-actions">
                {children}
                <ConfirmButton
                  label={t.remove}
                  question={t.removeConfirm}
                  confirmLabel={t.remove}
                  onConfirm={() => void remove(item.entryType, item.entry.id)}
                  testId="remove-entry"
                />
              </div>
            );
          const isOpen = (form: NonNullable<OpenForm>['form']) =>
            openForm?.entryId === item.entry.id && openForm.form === form;
          const open = (form: NonNullable<OpenForm>['form']) => () =>
            setOpenForm({ entryId: item.entry.id, form });
          return (
            <li
              key={item.entry.id}
              class={`timeline-entry timeline-${item.entryType}`}
              data-testid={`entry-${item.entryType}`}
            >
              <EntryBody item={item} />
              <p class="entry-by" data-testid="entry-by">
                {fill(t.recordedBy, {
                  name: nameWriter(item.entry.recordedBy, names, t.aColleague),
                })}
              </p>
              {actions(
                <>
                  {item.entryType === 'note' ? null : (
                    <Button onClick={open('correct')} testId={`correct-${item.entryType}`}>
                      {tEdit.correct}
                    </Button>
                  )}
                  {item.entryType === 'stay' && item.entry.dischargedAt === null ? (
                    <>
                      <Button onClick={open('discharge')}>{t.discharge}</Button>
                      <Button onClick={open('extend')}>{t.extend}</Button>
                    </>
                  ) : null}
                  {item.entryType === 'referral' ? (
                    <Button onClick={open('referralStatus')} testId="referral-update-status">
                      {t.updateStatus}
                    </Button>
                  ) : null}
                  {item.entryType === 'followUp' && item.entry.doneAt === null ? (
                    <Button onClick={open('followUpDone')}>{t.markDone}</Button>
                  ) : null}
                </>,
              )}
              {isOpen('correct') ? (
                <CorrectEntryForm caseFile={caseFile} item={item} onDone={done} />
              ) : null}
              {item.entryType === 'stay' && isOpen('discharge') ? (
                <DischargeForm stay={item.entry} onDone={done} />
              ) : null}
              {item.entryType === 'stay' && isOpen('extend') ? (
                <ExtendStayForm stay={item.entry} onDone={done} />
              ) : null}
              {item.entryType === 'referral' && isOpen('referralStatus') ? (
                <ReferralStatusForm caseFile={caseFile} referral={item.entry} onDone={done} />
              ) : null}
              {item.entryType === 'followUp' && isOpen('followUpDone') ? (
                <FollowUpDoneForm followUp={item.entry} onDone={done} />
              ) : null}
            </li>
          );
        })}
      </ol>
    </>
  );
}

/** The entry's own creation form, holding its recorded answers, to correct it in place. */
function CorrectEntryForm({
  caseFile,
  item,
  onDone,
}: {
  readonly caseFile: Case;
  readonly item: CaseEntry;
  readonly onDone: () => void;
}) {
  switch (item.entryType) {
    case 'service':
      return <ServiceForm caseId={caseFile.id} service={item.entry} onDone={onDone} />;
    case 'stay':
      return <AdmitForm caseFile={caseFile} stay={item.entry} onDone={onDone} />;
    case 'referral':
      return <ReferralForm caseFile={caseFile} referral={item.entry} onDone={onDone} />;
    case 'followUp':
      return <FollowUpForm caseId={caseFile.id} followUp={item.entry} onDone={onDone} />;
    case 'note':
      return null;
  }
}

function EntryBody({ item }: { readonly item: CaseEntry }) {
  const t = useMessages(caseFileMessages);
  const lang = useLang();
  const today = indiaDateOf(new Date());
  switch (item.entryType) {
    case 'service': {
      const s = item.entry;
      const details = [
        s.firNumber && `${t.firNumber}: ${s.firNumber}`,
        s.policeStation && `${t.policeStation}: ${s.policeStation}`,
        s.dlsaAdvocateName && `${t.dlsaAdvocateName}: ${s.dlsaAdvocateName}`,
        s.courtName && `${t.courtName}: ${s.courtName}`,
        s.hospitalName && `${t.hospitalName}: ${s.hospitalName}`,
        s.interpretationLanguage && `${t.interpretationLanguage}: ${s.interpretationLanguage}`,
        s.durationMinutes && `${t.durationMinutes}: ${s.durationMinutes}`,
      ].filter(Boolean);
      return (
        <EntryText
          kind={t.entryService}
          when={formatDateTime(s.givenAt, lang)}
          title={labelOf(serviceKinds, s.kind, lang)}
        >
          {details.length > 0 ? <p>{details.join(' · ')}</p> : null}
          {s.notes ? <p class="entry-notes">{s.notes}</p> : null}
        </EntryText>
      );
    }
    case 'stay': {
      const s = item.entry;
      const end = stayEndDate(s);
      return (
        <EntryText
          kind={t.entryStay}
          when={formatDateTime(s.admittedAt, lang)}
          title={fill(t.stayFromTo, {
            from: formatDate(indiaDateOf(s.admittedAt), lang),
            to: formatDate(end, lang),
          })}
        >
          {isStayOverdue(s, new Date()) ? (
            <Badge tone="danger" testId="stay-overdue">
              {fill(t.stayOverdue, { end: formatDate(end, lang) })}
            </Badge>
          ) : null}
          {s.extensionReason ? (
            <p>
              {t.extensionReason}: {s.extensionReason}
            </p>
          ) : null}
          {s.dischargedAt ? (
            <p>
              {fill(t.stayDischarged, {
                date: formatDateTime(s.dischargedAt, lang),
                to: s.dischargedTo ? labelOf(dischargeDestinations, s.dischargedTo, lang) : '—',
              })}
            </p>
          ) : null}
        </EntryText>
      );
    }
    case 'referral': {
      const r = item.entry;
      return (
        <EntryText
          kind={t.entryReferral}
          when={formatDateTime(r.referredAt ?? r.recordedAt, lang)}
          title={`${labelOf(referralAgencies, r.agency, lang)}${r.agencyName ? ` — ${r.agencyName}` : ''}`}
        >
          <Badge
            tone={
              r.status === 'declined' || r.status === 'cancelled'
                ? 'neutral'
                : r.status === 'completed'
                  ? 'success'
                  : 'info'
            }
          >
            {labelOf(referralStatuses, r.status, lang)}
          </Badge>
          <ReferralStepList referral={r} />
          {r.contactPerson ? (
            <p>
              {t.contactPerson}: {r.contactPerson}
            </p>
          ) : null}
          {r.notes ? <p class="entry-notes">{r.notes}</p> : null}
          {r.outcome ? (
            <p>
              {t.outcome}: {r.outcome}
            </p>
          ) : null}
        </EntryText>
      );
    }
    case 'followUp': {
      const f = item.entry;
      return (
        <EntryText
          kind={t.entryFollowUp}
          when={fill(t.followUpDue, { date: formatDate(f.dueDate, lang) })}
          title={labelOf(followUpModes, f.mode, lang)}
        >
          {isFollowUpOverdue(f, today) ? <Badge tone="danger">{t.followUpOverdue}</Badge> : null}
          {f.doneAt ? (
            <p>{fill(t.followUpDoneAt, { date: formatDateTime(f.doneAt, lang) })}</p>
          ) : null}
          {f.notes ? <p class="entry-notes">{f.notes}</p> : null}
          {f.outcome ? (
            <p>
              {t.outcome}: {f.outcome}
            </p>
          ) : null}
        </EntryText>
      );
    }
    case 'note':
      return (
        <EntryText
          kind={t.entryNote}
          when={formatDateTime(item.entry.recordedAt, lang)}
          title={null}
        >
          <p class="entry-notes">{item.entry.text}</p>
        </EntryText>
      );
  }
}

function EntryText({
  kind,
  when,
  title,
  children,
}: {
  readonly kind: string;
  readonly when: string;
  readonly title: string | null;
  readonly children?: ComponentChildren;
}) {
  return (
    <div class="entry-body">
      <p class="entry-head">
        <span class="entry-kind">{kind}</span> <span class="entry-when">{when}</span>
      </p>
      {title ? <p class="entry-title">{title}</p> : null}
      {children}
    </div>
  );
}
