import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ListedStaffAccount } from '../../domain/auth-protocol.ts';
import { LangContext, type Lang } from '../../i18n/lang.ts';
import { auditMessages } from '../../i18n/messages-audit.ts';
import { createConsoleRequest } from '../../shell/console-request.ts';
import type { AuditEntry } from './audit-client.ts';
import { createAuditClient } from './audit-client.ts';
import { AuditPage } from './AuditPage.tsx';

const centreId = '0191d9a0-0000-7000-8000-0000000000c1';

function account(id: string, username: string, displayName: string): ListedStaffAccount {
  return {
    id,
    username,
    role: 'manager',
    centreId,
    displayName,
    createdAt: '2026-11-01T04:30:00.000Z',
    disabledAt: null,
    lastSignInAt: null,
  };
}

const staff = [
  account('u-manager', 'lko.manager', 'Sunita Verma'),
  account('u-nurse', 'lko.nurse', 'Rekha Yadav'),
];

function entry(id: number, action: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    at: '2026-11-30T06:30:00.000Z',
    userId: 'u-manager',
    deviceId: null,
    action,
    resourceType: null,
    resourceId: null,
    centreId,
    ip: null,
    outcome: 'success',
    details: {},
    ...overrides,
  };
}

const log = [
  entry(5, 'user.disable', { details: { username: 'lko.nurse' } }),
  entry(4, 'device.revoke'),
  entry(3, 'auth.sign_in', { userId: 'u-elsewhere', outcome: 'denied' }),
  entry(2, 'user.create', { userId: null, details: { via: 'admin-cli', username: 'lko.nurse' } }),
];
const olderLog = [entry(1, 'centre.set_lock')];

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

/** The server, as far as this screen asks it: narrows by action and pages by `before`. */
function stubServer() {
  return vi.fn((url: string) => {
    if (url.startsWith('/api/users')) return Promise.resolve(json({ users: staff }));
    const query = new URL(url, 'http://sakhi.test').searchParams;
    const action = query.get('action');
    if (query.get('before') === '2')
      return Promise.resolve(json({ entries: olderLog, nextBefore: null }));
    const entries = action ? log.filter((one) => one.action === action) : log;
    return Promise.resolve(json({ entries, nextBefore: action ? null : 2 }));
  });
}

function renderPage(fetchStub: ReturnType<typeof stubServer>, lang: Lang = 'hi') {
  const client = createAuditClient(
    createConsoleRequest({ token: 't', fetch: fetchStub as unknown as typeof fetch }),
  );
  return render(
    <LangContext.Provider value={lang}>
      <AuditPage client={client} isStateAdmin={false} />
    </LangContext.Provider>,
  );
}

const auditQueries = (fetchStub: ReturnType<typeof stubServer>) =>
  fetchStub.mock.calls
    .map(([url]) => String(url))
    .filter((url) => url.startsWith('/api/audit'))
    .map((url) => new URL(url, 'http://sakhi.test').searchParams);

afterEach(cleanup);

describe('Audit log screen', () => {
  it.each(['hi', 'en'] as const)('names who did what, in the staff’s words (%s)', async (lang) => {
    const t = auditMessages[lang];
    renderPage(stubServer(), lang);
    expect(screen.getByRole('heading').textContent).toBe(t.title);
    await waitFor(() =>
      expect(screen.getByTestId('audit-5').textContent).toContain(
        `Sunita Verma: ${t['user.disable']} — Rekha Yadav`,
      ),
    );
    expect(screen.getByTestId('audit-4').textContent).toContain(t['device.revoke']);
    const refused = screen.getByTestId('audit-3').textContent;
    expect(refused).toContain(`${t.someoneElse}: ${t['auth.sign_in']}`);
    expect(refused).toContain(t.denied);
    expect(screen.getByTestId('audit-2').textContent).toContain(
      `${t.adminCommand}: ${t['user.create']}`,
    );
    expect(screen.queryByTestId('audit-centre')).toBeNull();
  });

  it('asks the server for one action, then one person, and shows what it answers', async () => {
    const fetchStub = stubServer();
    renderPage(fetchStub);
    await screen.findByTestId('audit-5');
    fireEvent.change(screen.getByTestId('audit-action'), { target: { value: 'device.revoke' } });
    await waitFor(() => expect(screen.queryByTestId('audit-5')).toBeNull());
    await screen.findByTestId('audit-4');
    expect(auditQueries(fetchStub).at(-1)?.get('action')).toBe('device.revoke');

    await waitFor(() =>
      expect(screen.getByTestId('audit-person').querySelectorAll('option').length).toBe(3),
    );
    fireEvent.change(screen.getByTestId('audit-person'), { target: { value: 'u-nurse' } });
    await waitFor(() => expect(auditQueries(fetchStub).at(-1)?.get('userId')).toBe('u-nurse'));
    expect(auditQueries(fetchStub).at(-1)?.get('action')).toBe('device.revoke');
  });

  it('sends a day range as India-time midnights, and refuses one that ends before it starts', async () => {
    const fetchStub = stubServer();
    renderPage(fetchStub, 'en');
    await screen.findByTestId('audit-5');
    fireEvent.input(document.querySelector('[name="from"]')!, {
      target: { value: '2026-11-30' },
    });
    await waitFor(() =>
      expect(auditQueries(fetchStub).at(-1)?.get('from')).toBe('2026-11-29T18:30:00.000Z'),
    );
    fireEvent.input(document.querySelector('[name="to"]')!, { target: { value: '2026-11-01' } });
    await screen.findByText(auditMessages.en.badRange);
  });

  it('adds the older page below when asked', async () => {
    renderPage(stubServer());
    fireEvent.click(await screen.findByTestId('audit-older'));
    await screen.findByTestId('audit-1');
    expect(screen.getByTestId('audit-5')).toBeTruthy();
    expect(screen.queryByTestId('audit-older')).toBeNull();
  });
});
