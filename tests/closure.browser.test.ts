// Closing a case as a centre runs it, in Chromium against the real demo server: the centre
// manager registers two cases. The first is in the short stay, so its closure cannot even
// be requested. On the second a referral waits on DLSA: the request warns of it, the
// manager sends it back, it is requested again and approved, and the closed case offers
// only a note until she reopens it with a reason. Every timeline entry names her.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseFileMessages } from '../src/i18n/messages-case-file.ts';
import { DEMO_ACCOUNTS } from '../server/services/demo-seed.ts';
import {
  admitToStay,
  field,
  referTo,
  registerCase,
  waitForText,
} from './support/case-register-steps.ts';
import { openAppBeforeAll } from './support/open-app.ts';

const hi = caseFileMessages.hi;
const manager = DEMO_ACCOUNTS.find((account) => account.username === 'lko.manager')!;

describe('closing and reopening a case in Chromium', () => {
  const app = openAppBeforeAll({ as: manager.username });
  let page: Page;
  beforeAll(() => {
    page = app.page;
  });

  it('blocks a closure while she is in the short stay', async () => {
    await registerCase(page, { name: 'सुनीता देवी' });
    await admitToStay(page, 2);
    await page.getByTestId('action-closure').click();
    const form = page.getByTestId('closure-form');
    await waitForText(form.getByTestId('closure-blocked'), hi.closureBlockedInStay);
    expect(await page.getByTestId('closure-form-save').isDisabled()).toBe(true);
  });

  it('warns on a waiting referral; the manager sends it back, approves, and reopens', async () => {
    await registerCase(page, { name: 'रीना कुमारी', sharingWith: ['dlsa'] });
    await referTo(page, 'dlsa', 'DLSA Lucknow');
    await page.getByTestId('action-closure').click();
    const form = page.getByTestId('closure-form');
    await waitForText(form.getByTestId('closure-warnings'), new RegExp(hi.closureWarnReferral));
    await field(form, 'closureReason').selectOption('services_completed');
    await page.getByTestId('closure-form-save').click();
    await page.getByTestId('closure-requested').waitFor();

    await page.getByTestId('action-sendBack').click();
    await field(page.getByTestId('send-back-form'), 'reason').fill('DLSA का जवाब आने दें।');
    await page.getByTestId('send-back-form-save').click();
    await waitForText(page.getByTestId('closure-sent-back'), /DLSA का जवाब आने दें।/);

    await page.getByTestId('action-closure').click();
    await field(page.getByTestId('closure-form'), 'closureReason').selectOption(
      'services_completed',
    );
    await page.getByTestId('closure-form-save').click();
    await page.getByTestId('action-approveClosure').click();
    await page.getByTestId('approve-closure-form-save').click();
    await waitForText(page.getByTestId('closed-only-notes'), hi.closedOnlyNotes);
    expect(await page.getByTestId('action-service').count()).toBe(0);
    expect(await page.getByTestId('remove-entry').count()).toBe(0);

    await page.getByTestId('action-reopen').click();
    await field(page.getByTestId('reopen-form'), 'reason').fill('वह फिर से केंद्र आई।');
    await page.getByTestId('reopen-form-save').click();
    await waitForText(page.getByTestId('case-reopened'), /वह फिर से केंद्र आई।/);
    await page.getByTestId('action-service').waitFor();
  });

  it('names the staff member on every timeline entry', async () => {
    const names = await page.getByTestId('entry-by').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toBe(`${manager.displayName} द्वारा`);
    expect(app.problems).toEqual([]);
  });
});
