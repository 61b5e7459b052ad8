/**
 * New passwords: the create-user route refuses guessable ones, the account's own name and
 * the published demo password with `422 weak_password` and a message in both languages,
 * writing nothing; a passphrase is accepted. Run on both engines.
 */
import { beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/services/demo-seed.ts';
import { countRows, inject, seedFixture, signInAs, type ApiHarness } from './api-harness.ts';

const WEAK_PASSWORDS = [
  { name: 'ten spaces', password: ' '.repeat(10) },
  { name: 'digits in a row', password: '1234567890' },
  { name: 'a common word and digits', password: 'password12' },
  { name: 'the demo password', password: DEMO_PASSWORD },
  { name: 'the username', password: 'pw.new.nurse' },
  { name: 'the display name', password: 'Sunita Devi Verma' },
];

export function passwordSuite(getHarness: () => ApiHarness): void {
  let h: ApiHarness;
  let adminToken: string;
  let centreId: string;

  beforeAll(async () => {
    h = getHarness();
    const fixture = await seedFixture(h, 'pw');
    centreId = fixture.own.id;
    adminToken = (await signInAs(h, fixture.users.state_admin.username)).token;
  });

  const createNurse = (password: string) =>
    inject(h, {
      method: 'POST',
      url: '/api/users',
      token: adminToken,
      payload: {
        username: 'pw.new.nurse',
        displayName: 'Sunita Devi Verma',
        role: 'nurse',
        centreId,
        password,
      },
    });

  it.each(WEAK_PASSWORDS)('refuses $name: 422 weak_password, nothing written', async (weak) => {
    const before = await countRows(h);
    const response = await createNurse(weak.password);
    expect(response.statusCode, response.body).toBe(422);
    const body = response.json<{ error: { code: string; message: { hi: string; en: string } } }>();
    expect(body.error.code).toBe('weak_password');
    expect(body.error.message.hi).toMatch(/पासवर्ड/);
    expect(body.error.message.en).toMatch(/password/i);
    expect(await countRows(h)).toEqual(before);
  });

  it('accepts a passphrase of unrelated words, in Hindi or English', async () => {
    const response = await createNurse('आम बादल साइकिल नीला');
    expect(response.statusCode, response.body).toBe(201);
  });
}
