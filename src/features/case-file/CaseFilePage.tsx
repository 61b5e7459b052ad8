import {
  closureStageOf,
  isStepAllowed,
  mayRecordOnCase,
  type ClosureStep,
} from '../../domain/closure.ts';
import { mayTakeClosureStep } from '../../domain/write-rules.ts';
import { useState } from 'preact/hooks';
import { paths } from '../../shell/router.ts';
import { useStores } from '../../shell/stores.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { entryEditMessages } from '../../i18n/messages-entry-edit.ts';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import { ArrivalRouteForm } from './ArrivalRouteForm.tsx';
import { CaseAssignment } from './CaseAssignment.tsx';
import { whyDetailsLocked } from './case-details-edit.ts';
import { CaseDetailsForm } from './CaseDetailsForm.tsx';
import { CasePaper } from './CasePaper.tsx';
import { CaseSummaryPanel } from './CaseSummaryPanel.tsx';
import { DetailsLockedNotice } from './DetailsLockedNotice.tsx';
import { FollowUpForm } from './FollowUpForms.tsx';
import { ClosureApproveForm, ClosureReasonForm, ClosureRequestForm } from './ClosureForms.tsx';
import { NoteForm } from './NoteForm.tsx';
import { ReferralForm } from './ReferralForms.tsx';
import { ServiceForm } from './ServiceForm.tsx';
import { AdmitForm } from './StayForms.tsx';
import { Timeline } from './Timeline.tsx';
import { useCaseFile } from './use-case-file.ts';

type Action =
  | 'details'
  | 'arrival'
  | 'service'
  | 'stay'
  | 'referral'
  | 'followUp'
  | 'note'
  | 'closure'
  | 'approveClosure'
  | 'sendBack'
  | 'reopen';

export function CaseFilePage({ caseId }: { readonly caseId: string }) {
  const t = useMessages(caseFileMessages);
  const tEdit = useMessages(entryEditMessages);
  const lang = useLang();
  const { staff } = useStores();
  const { loaded, notYetSent } = useCaseFile(caseId, lang);
  const [action, setAction] = useState<Action | null>(null);
  const [savedNotice, setSavedNotice] = useState(false);

  if (loaded.state === 'loading') return <p class="loading">{t.loading}</p>;
  if (loaded.state === 'missing' || loaded.state === 'failed') {
    return (
      <section class="page">
        <a href={paths.cases}>{t.backToList}</a>
        <Banner tone="warning" testId="case-missing">
          {loaded.state === 'missing' ? t.notFound : fill(t.loadFailed, { reason: loaded.reason })}
        </Banner>
      </section>
    );
  }

  const { file } = loaded;
  const c = file.case;
  const hasOpenStay = file.entries.some(
    (item) => item.entryType === 'stay' && item.entry.dischargedAt === null,
  );
  const stage = closureStageOf(c);
  const isClosed = stage === 'closed';
  const detailsLock = whyDetailsLocked(c, staff);
  // A step is offered only from its stage and to the roles the write rules allow.
  const mayTake = (step: ClosureStep) =>
    isStepAllowed(stage, step) && mayTakeClosureStep(staff, step);
  const done = (isSaved: boolean) => {
    setAction(null);
    setSavedNotice(isSaved);
  };
  const actionButton = (key: Action, label: string, isShown = true) =>
    isShown ? (
      <Button
        variant={action === key ? 'primary' : 'secondary'}
        onClick={() => {
          setSavedNotice(false);
          setAction(action === key ? null : key);
        }}
        testId={`action-${key}`}
      >
        {label}
      </Button>
    ) : null;

  return (
    <section class="page page-case-file">
      <a href={paths.cases} class="back-link">
        {t.backToList}
      </a>
      {notYetSent ? (
        <p class="not-yet-sent" data-testid="case-not-yet-sent" role="status">
          {t.notYetSent}
        </p>
      ) : null}
      <CaseSummaryPanel file={file} />
      <CaseAssignment caseFile={c} />
      <CasePaper file={file} />
      <section class="case-actions">
        <h3>{t.actionsTitle}</h3>
        <div class="action-bar">
          {actionButton('details', t.actionEditDetails, detailsLock === null)}
          {actionButton('arrival', tEdit.changeArrival, detailsLock === null)}
          {actionButton('service', t.actionService, mayRecordOnCase(stage, 'service'))}
          {actionButton('stay', t.actionStay, !hasOpenStay && mayRecordOnCase(stage, 'stay'))}
          {actionButton('referral', t.actionReferral, mayRecordOnCase(stage, 'referral'))}
          {actionButton('followUp', t.actionFollowUp, mayRecordOnCase(stage, 'followUp'))}
          {actionButton('note', t.actionNote, mayRecordOnCase(stage, 'note'))}
          {actionButton('closure', t.actionClose, mayTake('request'))}
          {actionButton('approveClosure', t.actionApproveClose, mayTake('approve'))}
          {actionButton('sendBack', t.actionSendBack, mayTake('send_back'))}
          {actionButton('reopen', t.actionReopen, mayTake('reopen'))}
        </div>
        {isClosed ? (
          <p class="muted" data-testid="closed-only-notes">
            {t.closedOnlyNotes}
          </p>
        ) : null}
        {detailsLock ? <DetailsLockedNotice lock={detailsLock} /> : null}
        {savedNotice ? (
          <p class="saved-notice" role="status">
            {t.saved}
          </p>
        ) : null}
        {action === 'details' && detailsLock === null ? (
          <CaseDetailsForm caseFile={c} onDone={done} />
        ) : null}
        {action === 'arrival' && detailsLock === null ? (
          <ArrivalRouteForm caseFile={c} onDone={done} />
        ) : null}
        {action === 'service' ? <ServiceForm caseId={c.id} onDone={done} /> : null}
        {action === 'stay' ? <AdmitForm caseFile={c} onDone={done} /> : null}
        {action === 'referral' ? <ReferralForm caseFile={c} onDone={done} /> : null}
        {action === 'followUp' ? <FollowUpForm caseId={c.id} onDone={done} /> : null}
        {action === 'note' ? <NoteForm caseId={c.id} onDone={done} /> : null}
        {action === 'closure' ? (
          <ClosureRequestForm caseFile={c} entries={file.entries} onDone={done} />
        ) : null}
        {action === 'approveClosure' ? (
          <ClosureApproveForm caseFile={c} entries={file.entries} onDone={done} />
        ) : null}
        {action === 'sendBack' ? (
          <ClosureReasonForm caseFile={c} step="send_back" onDone={done} />
        ) : null}
        {action === 'reopen' ? (
          <ClosureReasonForm caseFile={c} step="reopen" onDone={done} />
        ) : null}
      </section>
      <section class="case-timeline">
        <h3>{t.timelineTitle}</h3>
        <Timeline caseFile={c} entries={file.entries} isClosed={isClosed} />
      </section>
    </section>
  );
}
