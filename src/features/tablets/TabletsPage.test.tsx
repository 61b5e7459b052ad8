import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceListing } from '../../domain/auth-protocol.ts';
import { LangContext, type Lang } from '../../i18n/lang.ts';
import { tabletsMessages } from '../../i18n/messages-tablets.ts';
import { createTabletsClient } from './tablets-client.ts';
import { TabletsPage } from './TabletsPage.tsx';

const centreId = '0191d9a0-0000-7000-8000-0000000000c1';

function tablet(id: string, overrides: Partial<DeviceListing> = {}): DeviceListing {
  return {
    id,
    tag: 'K7',
    name: 'Counselling room',
    userId: '0191d9a0-0000-7000-8000-0000000000a1',
    username: 'lko.caseworker',
    displayName: 'Asha Verma',
    centreId,
    registeredAt: '2026-11-01T04:30:00.000Z',
    lastSeenAt: '2026-11-30T06:15:00.000Z',
    revokedAt: null,
    ...overrides,
  };
}

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** The server as the Tablets screen uses it: list, revoke, the session's lock, saving it. */
function stubServer(options: { devices: DeviceListing[]; refuse?: string; idleMinutes?: number }) {
  const devices = options.devices;
  return vi.fn((url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const route = `${method} ${url}`;
    if (options.refuse && route.startsWith(options.refuse)) {
      return Promise.resolve(json({ error: { code: 'forbidden' } }, 403));
    }
    if (route === `GET /api/devices?centreId=${centreId}`)
      return Promise.resolve(json({ devices }));
    const revoked = /^POST \/api\/devices\/([^/]+)\/revoke$/.exec(route);
    if (revoked) {
      const index = devices.findIndex((device) => device.id === revoked[1]);
      devices[index] = { ...devices[index]!, revokedAt: '2026-11-30T07:00:00.000Z' };
      return Promise.resolve(json({ device: devices[index] }));
    }
    if (route === 'GET /api/auth/session') {
      return Promise.resolve(json({ lock: { idleMinutes: options.idleMinutes ?? 5 } }));
    }
    if (route === `PUT /api/centres/${centreId}/lock`) {
      return Promise.resolve(json({ centreId, lock: JSON.parse(init?.body as string) as unknown }));
    }
    return Promise.reject(new TypeError(`no route ${route}`));
  });
}

function renderPage(
  fetchStub: ReturnType<typeof stubServer>,
  lang: Lang = 'hi',
  canSetLock = true,
) {
  const client = createTabletsClient({
    token: 'token-1',
    centreId,
    fetch: fetchStub as unknown as typeof fetch,
  });
  render(
    <LangContext.Provider value={lang}>
      <TabletsPage client={client} canSetLock={canSetLock} />
    </LangContext.Provider>,
  );
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('tablets screen', () => {
  it.each(['hi', 'en'] as const)(
    'lists each tablet with its name, tag, last user and status (%s)',
    async (lang) => {
      renderPage(
        stubServer({
          devices: [
            tablet('tab-1'),
            tablet('tab-2', { name: null, revokedAt: '2026-11-20T05:00:00.000Z' }),
          ],
        }),
        lang,
      );
      const first = await screen.findByTestId('tablet-tab-1');
      expect(first.textContent).toContain('Counselling room');
      expect(first.textContent).toContain('K7');
      expect(first.textContent).toContain('Asha Verma');
      expect(screen.getByTestId('tablet-tab-1-status').textContent).toBe(
        tabletsMessages[lang].active,
      );
      expect(screen.getByTestId('tablet-tab-2').textContent).toContain(
        tabletsMessages[lang].unnamed,
      );
      expect(screen.getByTestId('tablet-tab-2-status').textContent).not.toBe(
        tabletsMessages[lang].active,
      );
      expect(screen.queryByTestId('tablet-tab-2-revoke')).toBeNull();
    },
  );

  it('revokes only after a question that says the tablet sends, then erases itself', async () => {
    const fetchStub = stubServer({ devices: [tablet('tab-1')] });
    renderPage(fetchStub, 'en');
    fireEvent.click(await screen.findByTestId('tablet-tab-1-revoke'));
    expect(screen.getByTestId('tablet-tab-1').textContent).toContain(
      tabletsMessages.en.revokeQuestion,
    );
    expect(fetchStub.mock.calls.some(([url]) => url.endsWith('/revoke'))).toBe(false);
    fireEvent.click(screen.getByTestId('tablet-tab-1-revoke-confirm'));
    await waitFor(() =>
      expect(screen.getByTestId('tablet-tab-1-status').textContent).not.toBe(
        tabletsMessages.en.active,
      ),
    );
    const [, init] = fetchStub.mock.calls.find(([url]) => url.endsWith('/revoke'))!;
    expect(init?.headers).toMatchObject({ authorization: 'Bearer token-1' });
  });

  it('says when revoking failed, and the tablet stays listed as in use', async () => {
    renderPage(stubServer({ devices: [tablet('tab-1')], refuse: 'POST /api/devices' }), 'en');
    fireEvent.click(await screen.findByTestId('tablet-tab-1-revoke'));
    fireEvent.click(screen.getByTestId('tablet-tab-1-revoke-confirm'));
    expect((await screen.findByTestId('tablet-tab-1-revoke-failed')).textContent).toBe(
      tabletsMessages.en.revokeFailed,
    );
    expect(screen.getByTestId('tablet-tab-1-status').textContent).toBe(tabletsMessages.en.active);
  });

  it('says when the list could not be loaded, and tries again on request', async () => {
    const fetchStub = stubServer({ devices: [tablet('tab-1')], refuse: 'GET /api/devices' });
    renderPage(fetchStub);
    fireEvent.click(await screen.findByText(tabletsMessages.hi.retry));
    await waitFor(() =>
      expect(fetchStub.mock.calls.filter(([url]) => url.startsWith('/api/devices'))).toHaveLength(
        2,
      ),
    );
  });

  it("shows the centre's idle minutes and saves a new value within 1 to 60", async () => {
    const fetchStub = stubServer({ devices: [], idleMinutes: 7 });
    renderPage(fetchStub, 'en');
    const input = screen
      .getByTestId('lock-setting')
      .querySelector<HTMLInputElement>('[name="idle-minutes"]')!;
    await waitFor(() => expect(input.value).toBe('7'));
    fireEvent.input(input, { target: { value: '61' } });
    fireEvent.click(screen.getByTestId('lock-setting-save'));
    expect(await screen.findByText(tabletsMessages.en.lockOutOfRange)).toBeTruthy();
    expect(fetchStub.mock.calls.some(([, init]) => init?.method === 'PUT')).toBe(false);
    fireEvent.input(input, { target: { value: '10' } });
    fireEvent.click(screen.getByTestId('lock-setting-save'));
    await screen.findByTestId('lock-setting-saved');
    const [url, init] = fetchStub.mock.calls.find(([, call]) => call?.method === 'PUT')!;
    expect(url).toBe(`/api/centres/${centreId}/lock`);
    expect(JSON.parse(init?.body as string)).toEqual({ idleMinutes: 10 });
  });

  it('offers the lock setting only to whoever may change it', async () => {
    renderPage(stubServer({ devices: [tablet('tab-1')] }), 'hi', false);
    await screen.findByTestId('tablet-tab-1');
    expect(screen.queryByTestId('lock-setting')).toBeNull();
  });
});
