import type { CaseFile } from '../../data/case-store.ts';
import type { Case } from '../../domain/case.ts';
import { checkCaseRules, isMinor, survivorAgeOn } from '../../domain/case-rules.ts';
import { isStayOverdue, stayEndDate } from '../../domain/entry-rules.ts';
import { indiaDateOf } from '../../domain/india-time.ts';
import { findMissingMinorSteps } from '../../domain/minor-steps.ts';
import { districts } from '../../domain/districts.ts';
import {
  arrivalRoutes,
  caseStatuses,
  closureReasons,
  minorSteps,
  perpetratorRelationships,
  riskLevels,
  violenceTypes,
} from '../../domain/vocabularies-case.ts';
import { referralAgencies } from '../../domain/vocabularies-entries.ts';
import { caseProblems } from '../../domain/vocabularies-problems.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { caseDetailFields, shortLabelsOf } from '../../domain/case-fields.ts';
import { formatIndiaDate } from '../../domain/referral-letter.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Banner } from '../../ui/Banner.tsx';
import { formatDate, formatDateTime } from '../../ui/datetime.ts';

/** Who she is, where her case stands, and what needs someone's attention. */
const labels = shortLabelsOf(caseDetailFields);

export function CaseSummaryPanel({ file }: { readonly file: CaseFile }) {
  const t = useMessages(caseFileMessages);
  const lang = useLang();
  const c = file.case;
  const now = new Date();
  const today = indiaDateOf(now);
  const age = survivorAgeOn(c, today);
  const isGirl = isMinor(c, today);
  const services = file.entries.flatMap((item) =>
    item.entryType === 'service' ? [item.entry] : [],
  );
  const referrals = file.entries.flatMap((item) =>
    item.entryType === 'referral' ? [item.entry] : [],
  );
  const openStay = file.entries.flatMap((item) =>
    item.entryType === 'stay' && item.entry.dischargedAt === null ? [item.entry] : [],
  )[0];
  const missingSteps = findMissingMinorSteps(c, { services, referrals });
  const expectsMinorSteps = isGirl || missingSteps.length > 0;
  const problems = checkCaseRules(c, today);

  const fact = (label: string, value: string | null) => (
    <div class="fact">
      <dt>{label}</dt>
      <dd>{value || '—'}</dd>
    </div>
  );

  return (
    <section class="case-summary" data-testid="case-summary">
      <div class="case-summary-head">
        <h2 data-testid="case-name">
          {c.survivorName}
          {c.survivorAlias ? <span class="case-alias"> ({c.survivorAlias})</span> : null}
        </h2>
        <span class="case-number" data-testid="case-number">
          {c.caseNumber}
        </span>
        <Badge tone={c.status === 'closed' ? 'neutral' : 'info'}>
          {labelOf(caseStatuses, c.status, lang)}
        </Badge>
        {c.riskLevel ? (
          <Badge
            tone={
              c.riskLevel === 'high' ? 'danger' : c.riskLevel === 'medium' ? 'warning' : 'success'
            }
          >
            {labelOf(riskLevels, c.riskLevel, lang)}
          </Badge>
        ) : null}
        {isGirl ? (
          <Badge tone="danger" testId="minor-flag">
            {t.minorFlag}
          </Badge>
        ) : null}
      </div>
      <p class="muted">{fill(t.registeredOn, { date: formatDateTime(c.registeredAt, lang) })}</p>
      <dl class="facts">
        {fact(t.age, age === null ? null : fill(t.ageYears, { n: age }))}
        {fact(t.phone, c.survivorPhone)}
        {fact(labels.survivorAddress![lang], c.survivorAddress ?? null)}
        {fact(
          t.district,
          c.survivorDistrictCode ? labelOf(districts, c.survivorDistrictCode, lang) : null,
        )}
        {fact(t.arrival, labelOf(arrivalRoutes, c.arrivalRoute, lang))}
        {fact(labels.incidentDate![lang], c.incidentDate ? formatIndiaDate(c.incidentDate) : null)}
        {fact(labels.incidentPlace![lang], c.incidentPlace ?? null)}
        {fact(
          t.violence,
          (c.violenceTypes ?? []).map((code) => labelOf(violenceTypes, code, lang)).join(', '),
        )}
        {fact(
          t.perpetrator,
          [
            c.perpetratorName,
            c.perpetratorRelationship &&
              labelOf(perpetratorRelationships, c.perpetratorRelationship, lang),
            c.perpetratorRelationshipDetail,
          ]
            .filter(Boolean)
            .join(' — '),
        )}
        {fact(
          t.consent,
          [
            c.consentToServices === true
              ? t.consentServicesYes
              : c.consentToServices === false
                ? t.consentServicesNo
                : t.consentNotRecorded,
            c.consentSharingAgencies.length > 0
              ? fill(t.sharingWith, {
                  agencies: c.consentSharingAgencies
                    .map((code) => labelOf(referralAgencies, code, lang))
                    .join(', '),
                })
              : null,
          ]
            .filter(Boolean)
            .join(' · '),
        )}
        {fact(t.safetyPlan, c.safetyPlan)}
      </dl>
      {c.incidentNarrative ? (
        <div class="case-narrative" data-testid="case-narrative">
          <h3>{labels.incidentNarrative![lang]}</h3>
          <p>{c.incidentNarrative}</p>
        </div>
      ) : null}
      {expectsMinorSteps && missingSteps.length > 0 ? (
        <Banner tone="warning" testId="missing-minor-steps">
          <strong>{t.minorMissingTitle}</strong>
          <ul>
            {missingSteps.map((step) => (
              <li key={step}>{labelOf(minorSteps, step, lang)}</li>
            ))}
          </ul>
        </Banner>
      ) : expectsMinorSteps ? (
        <Banner tone="success">{t.minorAllDone}</Banner>
      ) : null}
      {openStay ? (
        isStayOverdue(openStay, now) ? (
          <Banner tone="danger" testId="stay-overdue-banner">
            {fill(t.stayOverdue, { end: formatDate(stayEndDate(openStay), lang) })}
          </Banner>
        ) : (
          <Banner tone="info">
            {fill(t.inStaySince, {
              date: formatDate(indiaDateOf(openStay.admittedAt), lang),
              end: formatDate(stayEndDate(openStay), lang),
            })}
          </Banner>
        )
      ) : null}
      {c.status === 'closed' && c.closureApprovedAt ? (
        <Banner tone="info">
          {fill(t.closedOn, { date: formatDateTime(c.closureApprovedAt, lang) })}
          {c.closureReason ? ` — ${labelOf(closureReasons, c.closureReason, lang)}` : ''}
        </Banner>
      ) : c.closureRequestedAt && c.closureReason ? (
        <Banner tone="warning" testId="closure-requested">
          {fill(t.closureRequested, { reason: labelOf(closureReasons, c.closureReason, lang) })}{' '}
          {t.closureAwaitingManager}
        </Banner>
      ) : c.closureSentBackAt && c.closureSentBackReason && isSentBackSinceReopening(c) ? (
        <Banner tone="warning" testId="closure-sent-back">
          {fill(t.closureSentBack, { reason: c.closureSentBackReason })}
        </Banner>
      ) : null}
      {c.status !== 'closed' && c.reopenedAt && c.reopenReason ? (
        <Banner tone="info" testId="case-reopened">
          {fill(t.caseReopened, {
            date: formatDateTime(c.reopenedAt, lang),
            reason: c.reopenReason,
          })}
        </Banner>
      ) : null}
      {problems.length > 0 ? (
        <Banner tone="warning">
          <strong>{t.problemsTitle}</strong>
          <ul>
            {problems.map((problem) => (
              <li key={problem.code}>{labelOf(caseProblems, problem.code, lang)}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
    </section>
  );
}

/** A send-back from before the last reopening belongs to the earlier closure, not this one. */
function isSentBackSinceReopening(c: Case): boolean {
  if (c.closureSentBackAt === null) return false;
  return c.reopenedAt === null || Date.parse(c.closureSentBackAt) > Date.parse(c.reopenedAt);
}
