// The manager's caseload view: each staff member of her centre with her open cases and
// follow-ups due, counted on this tablet from its own store (domain/assignment.ts), so it
// works offline and follows every save and pulled page.
import { useStores } from '../../shell/stores.ts';
import { paths } from '../../shell/router.ts';
import { useLiveValue } from '../../shell/use-live-value.ts';
import { countCaseloads } from '../../domain/assignment.ts';
import { indiaDateOf } from '../../domain/india-time.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { assignmentMessages } from '../../i18n/messages-assignment.ts';
import { Banner } from '../../ui/Banner.tsx';

// Every case the tablet holds: the directory is in memory, so counting all of them is cheap.
const allCases = Number.MAX_SAFE_INTEGER;

export function CaseloadPage() {
  const t = useMessages(assignmentMessages);
  const { caseStore, staff, centreStaff } = useStores();
  const isManager = staff.role === 'manager';
  const live = useLiveValue(
    isManager
      ? async () => {
          const cases = await caseStore.searchCases('', {}, allCases);
          const staffIds = centreStaff.map((member) => member.id);
          return countCaseloads(staffIds, cases, indiaDateOf(new Date()));
        }
      : null,
    [centreStaff, isManager],
  );
  if (!isManager) return <Banner tone="info">{t.caseloadManagersOnly}</Banner>;
  return (
    <section class="page page-caseload">
      <h2>{t.caseloadTitle}</h2>
      <p class="muted">{t.caseloadIntro}</p>
      {centreStaff.length === 0 ? <p data-testid="no-staff-list">{t.noStaffList}</p> : null}
      {live.state === 'loading' ? <p class="loading">{t.caseloadLoading}</p> : null}
      {live.state === 'failed' ? (
        <Banner tone="danger">{fill(t.caseloadFailed, { reason: String(live.error) })}</Banner>
      ) : null}
      {live.state === 'done' && centreStaff.length > 0 ? (
        <table class="caseload-table" data-testid="caseload">
          <thead>
            <tr>
              <th scope="col">{t.caseloadStaff}</th>
              <th scope="col">{t.caseloadOpen}</th>
              <th scope="col">{t.caseloadDue}</th>
              <th scope="col">{t.caseloadShow}</th>
            </tr>
          </thead>
          <tbody>
            {centreStaff.map((member) => {
              const count = live.value.get(member.id);
              return (
                <tr key={member.id} data-testid={`caseload-${member.id}`}>
                  <th scope="row">{member.displayName}</th>
                  <td data-testid="caseload-open">{count?.openCases ?? 0}</td>
                  <td data-testid="caseload-due">{count?.followUpsDue ?? 0}</td>
                  <td>
                    <a href={paths.casesAssignedTo(member.id)}>{t.caseloadShow}</a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
