import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ListedStaffAccount } from '../../domain/auth-protocol.ts';
import { LangContext, type Lang } from '../../i18n/lang.ts';
import { staffMessages } from '../../i18n/messages-staff.ts';
import { formatDateTime } from '../../ui/datetime.ts';
import { createConsoleRequest } from '../../shell/console-request.ts';
import { createStaffClient } from './staff-client.ts';
import { StaffPage } from './StaffPage.tsx';

const centreId = '0191d9a0-0000-7000-8000-0000000000c1';
const managerId = '0191d9a0-0000-7000-8000-0000000000a0';

function account(
  username: string,
  overrides: Partial<ListedStaffAccount> = {},
): ListedStaffAccount {
  return {
    id: `id-${username}`,
    username,
    role: 'caseworker',
    centreId,
    displayName: `Asha ${username}`,
    createdAt: '2026-11-01T04:30:00.000Z',
    disabledAt: null,
    lastSignInAt: null,
    ...overrides,
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function stubServer(users: ListedStaffAccount[], refusals: Record<string, Response> = {}) {
  return vi.fn((url: string, init?: RequestInit) => {
    const route = `${init?.method ?? 'GET'} ${url}`;
    const refusal = Object.entries(refusals).find(([prefix]) => route.startsWith(prefix));
    if (refusal) return Promise.resolve(refusal[1]);
    if (route.startsWith('GET /api/users')) return Promise.resolve(json({ users }));
    if (route.startsWith('GET /api/centres')) return Promise.resolve(json({ centres: [lucknow] }));
    const disable = /^POST \/api\/users\/(.+)\/disable$/.exec(route);
    if (disable) {
      const user = users.find((one) => one.id === disable[1])!;
      Object.assign(user, { disabledAt: '2026-12-01T05:00:00.000Z' });
      return Promise.resolve(json({ user }));
    }
    if (/^POST \/api\/users\/.+\/reset-password$/.test(route)) {
      return Promise.resolve(json({ user: users[0] }));
    }
    return Promise.resolve(json({ error: { code: 'not_found' } }, 404));
  });
}

const lucknow = {
  id: centreId,
  districtCode: 'LKO',
  nameHi: 'सखी केंद्र लखनऊ',
  nameEn: 'Sakhi Centre Lucknow',
  phone: null,
  address: null,
  email: null,
};

function renderPage(
  fetchStub: ReturnType<typeof stubServer>,
  lang: Lang = 'hi',
  isStateAdmin = false,
) {
  const client = createStaffClient(
    createConsoleRequest({ token: 't', fetch: fetchStub as unknown as typeof fetch }),
  );
  const session = {
    token: 't',
    userId: managerId,
    isStateAdmin,
    ownCentreId: isStateAdmin ? null : centreId,
  };
  return render(
    <LangContext.Provider value={lang}>
      <StaffPage client={client} session={session} />
    </LangContext.Provider>,
  );
}

afterEach(cleanup);

describe('Staff screen', () => {
  it.each(['hi', 'en'] as const)(
    'tells the state administrator where each account works; a manager sees her own centre only (%s)',
    async (lang) => {
      const t = staffMessages[lang];
      const users = [
        account('lko.asha'),
        account('state.meera', { centreId: null, role: 'state_admin' }),
      ];
      renderPage(stubServer(users), lang, true);
      expect(await screen.findByText(t.introState)).toBeTruthy();
      await waitFor(() =>
        expect(screen.getByTestId('staff-lko.asha-centre').textContent).toBe(
          lang === 'hi' ? lucknow.nameHi : lucknow.nameEn,
        ),
      );
      expect(screen.getByTestId('staff-state.meera-centre').textContent).toBe(t.headquarters);
      cleanup();

      renderPage(stubServer([account('lko.asha')]), lang);
      await screen.findByTestId('staff-lko.asha');
      expect(screen.getByText(t.intro)).toBeTruthy();
      expect(screen.queryByTestId('staff-lko.asha-centre')).toBeNull();
    },
  );

  it.each(['hi', 'en'] as const)(
    'shows when each account last signed in, and says so when she never has (%s)',
    async (lang) => {
      const t = staffMessages[lang];
      const signedInAt = '2026-11-20T05:45:00.000Z';
      renderPage(
        stubServer([account('lko.asha', { lastSignInAt: signedInAt }), account('lko.neha')]),
        lang,
      );
      expect((await screen.findByTestId('staff-lko.asha-last-sign-in')).textContent).toBe(
        formatDateTime(signedInAt, lang),
      );
      expect(screen.getByTestId('staff-lko.neha-last-sign-in').textContent).toBe(t.neverSignedIn);
      expect(screen.getAllByText(t.lastSignIn)).toHaveLength(2);
    },
  );

  it.each(['hi', 'en'] as const)(
    'disables an account only after a confirm that names her (%s)',
    async (lang) => {
      const t = staffMessages[lang];
      const fetchStub = stubServer([account('lko.asha')]);
      renderPage(fetchStub, lang);
      fireEvent.click(await screen.findByTestId('staff-lko.asha-disable'));
      expect(screen.getByText(/Asha lko\.asha/, { selector: '.confirm-question' })).toBeTruthy();
      expect(fetchStub.mock.calls.some(([url]) => String(url).includes('/disable'))).toBe(false);
      fireEvent.click(screen.getByTestId('staff-lko.asha-disable-confirm'));
      await waitFor(() =>
        expect(screen.getByTestId('staff-lko.asha-status').textContent).toContain(
          t.disabledOn.split('{time}')[lang === 'hi' ? 1 : 0]!.trim(),
        ),
      );
    },
  );

  it('keeps saying the account is disabled after the list is read again', async () => {
    const t = staffMessages.en;
    const fetchStub = stubServer([account('lko.asha')]);
    renderPage(fetchStub, 'en');
    fireEvent.click(await screen.findByTestId('staff-lko.asha-disable'));
    fireEvent.click(screen.getByTestId('staff-lko.asha-disable-confirm'));
    await waitFor(() =>
      expect(screen.getByTestId('staff-lko.asha-status').textContent).toContain('Disabled on'),
    );
    const listReads = () =>
      fetchStub.mock.calls.filter(
        ([url, init]) => (init?.method ?? 'GET') === 'GET' && String(url).startsWith('/api/users'),
      ).length;
    await waitFor(() => expect(listReads()).toBe(2));
    expect(screen.getByTestId('staff-lko.asha-notice').textContent).toBe(
      t.disabled.replace('{name}', 'Asha lko.asha'),
    );
  });

  it("offers no change on the manager's own account or another manager's", async () => {
    renderPage(
      stubServer([
        account('lko.manager', { id: managerId, role: 'manager' }),
        account('lko.deputy', { role: 'manager' }),
      ]),
    );
    await screen.findByTestId('staff-lko.manager');
    expect(screen.queryByTestId('staff-lko.manager-disable')).toBeNull();
    expect(screen.queryByTestId('staff-lko.deputy-password')).toBeNull();
  });

  it("shows the server's own words for a weak password, and keeps what she typed", async () => {
    const weak = json(
      { error: { code: 'weak_password', message: { hi: 'आसान पासवर्ड', en: 'Easy to guess' } } },
      422,
    );
    renderPage(stubServer([account('lko.asha')], { 'POST /api/users/id-lko.asha/reset': weak }));
    fireEvent.click(await screen.findByTestId('staff-lko.asha-password'));
    const input = screen.getByLabelText<HTMLInputElement>(staffMessages.hi.newPassword);
    fireEvent.input(input, { target: { value: 'short' } });
    fireEvent.click(screen.getByTestId('staff-lko.asha-password-save'));
    expect(await screen.findByText(staffMessages.hi.passwordTooShort)).toBeTruthy();
    fireEvent.input(input, { target: { value: 'password1234' } });
    fireEvent.click(screen.getByTestId('staff-lko.asha-password-save'));
    expect(await screen.findByText('आसान पासवर्ड')).toBeTruthy();
    expect(input.value).toBe('password1234');
  });

  it('offers a manager only the roles the server lets her add', async () => {
    renderPage(stubServer([]));
    const form = await screen.findByTestId('staff-add');
    const options = [...form.querySelectorAll('select[name="role"] option')].map(
      (option) => (option as HTMLOptionElement).value,
    );
    expect(options).toEqual(['counsellor', 'nurse', 'operator', 'caseworker']);
  });

  it('says plainly that it needs a connection when offline', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    renderPage(stubServer([]));
    expect((await screen.findByTestId('staff-offline')).textContent).toBe(
      staffMessages.hi.needsInternet,
    );
    vi.restoreAllMocks();
  });
});
