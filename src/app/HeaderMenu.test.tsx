import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { LangContext } from '../i18n/lang.ts';
import { appMessages } from '../i18n/messages.ts';
import { paths, type Route } from '../shell/router.ts';
import { Header, type HeaderProps } from './Header.tsx';

afterEach(cleanup);

function renderHeader(props: Partial<HeaderProps> & { route?: Route } = {}) {
  render(
    <LangContext.Provider value="hi">
      <Header
        route={{ name: 'cases' }}
        isOnline
        pendingChanges={null}
        sync={null}
        isDemo={false}
        staffName="Sunita"
        onSwitchLanguage={() => {}}
        onSignOut={() => {}}
        {...props}
      />
    </LangContext.Provider>,
  );
}

describe('Header menu', () => {
  it('gives a centre manager her monthly report, in Hindi', () => {
    renderHeader({ canManageTablets: true, route: { name: 'centreReport' } });
    const link = screen.getByTestId('nav-monthly-report');
    expect(link.textContent).toBe(appMessages.hi.navMonthlyReport);
    expect(link.getAttribute('href')).toBe(paths.centreReport);
    expect(link.getAttribute('aria-current')).toBe('page');
  });

  it('gives other centre staff no monthly report', () => {
    renderHeader();
    expect(screen.getByTestId('nav-cases')).toBeTruthy();
    expect(screen.queryByTestId('nav-monthly-report')).toBeNull();
  });

  it('gives a state officer the dashboard and nothing of a centre', () => {
    renderHeader({ isHeadquarters: true, route: { name: 'stateDistrict', districtCode: 'LKO' } });
    const link = screen.getByTestId('nav-state-dashboard');
    expect(link.getAttribute('aria-current')).toBe('page');
    expect(screen.queryByTestId('nav-cases')).toBeNull();
    expect(screen.queryByTestId('nav-new-case')).toBeNull();
    expect(screen.queryByTestId('nav-tablets')).toBeNull();
  });

  it.each([
    ['a centre manager', { canManageTablets: true }],
    ['the state administrator', { isHeadquarters: true, isStateAdmin: true }],
  ] as const)('gives %s the Staff and Audit log screens', (_who, props) => {
    renderHeader({ ...props, route: { name: 'audit' } });
    const staff = screen.getByTestId('nav-staff');
    const audit = screen.getByTestId('nav-audit');
    expect(staff.textContent).toBe(appMessages.hi.navStaff);
    expect(staff.getAttribute('href')).toBe(paths.staff);
    expect(staff.getAttribute('aria-current')).toBeNull();
    expect(audit.textContent).toBe(appMessages.hi.navAudit);
    expect(audit.getAttribute('href')).toBe(paths.audit);
    expect(audit.getAttribute('aria-current')).toBe('page');
  });

  it.each([
    ['a caseworker', {}],
    ['a state analyst', { isHeadquarters: true }],
  ] as const)('gives %s neither Staff nor Audit log', (_who, props) => {
    renderHeader(props);
    expect(screen.queryByTestId('nav-staff')).toBeNull();
    expect(screen.queryByTestId('nav-audit')).toBeNull();
  });
});
