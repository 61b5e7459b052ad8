// @vitest-environment node
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('defaults to SQLite in ./data on 127.0.0.1:8080, without demo accounts', () => {
    const config = parseConfig({}, []);
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', demo: false });
    expect(config.dataDir).toBe(resolve('data'));
    expect(config.database).toEqual({ dialect: 'sqlite', file: resolve('data', 'sakhi.sqlite') });
    expect(config.staticDir).toMatch(/dist$/);
  });

  it('reads PORT, SAKHI_HOST, SAKHI_DATA_DIR, DATABASE_URL and --demo', () => {
    const url = 'postgres://sakhi:secret@db.internal:5432/sakhi';
    const config = parseConfig(
      { PORT: '9000', SAKHI_HOST: '0.0.0.0', SAKHI_DATA_DIR: '/srv/sakhi', DATABASE_URL: url },
      ['--demo'],
    );
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/srv/sakhi',
      demo: true,
    });
    expect(config.database).toEqual({ dialect: 'postgres', url });
  });

  it('bounds new tablets a day at 5 per account and 20 per centre unless told otherwise', () => {
    expect(parseConfig({}, []).newDeviceLimits).toEqual({ perAccount: 5, perCentre: 20 });
    const config = parseConfig(
      { SAKHI_NEW_DEVICES_PER_ACCOUNT: '8', SAKHI_NEW_DEVICES_PER_CENTRE: ' 60 ' },
      [],
    );
    expect(config.newDeviceLimits).toEqual({ perAccount: 8, perCentre: 60 });
  });

  it.each(['0', '-3', '2.5', 'ten', '1000001'])(
    'refuses %j new tablets a day, naming the variable in both languages',
    (raw) => {
      const error = configError(() => parseConfig({ SAKHI_NEW_DEVICES_PER_CENTRE: raw }, []));
      expect(error.variable).toBe('SAKHI_NEW_DEVICES_PER_CENTRE');
      expect(error.messages.en).toContain('whole number from 1 to 1000000');
      expect(error.messages.hi).toContain('1 से 1000000');
    },
  );

  it('accepts postgresql:// too, and treats empty variables as unset', () => {
    expect(parseConfig({ DATABASE_URL: 'postgresql://localhost/sakhi' }).database.dialect).toBe(
      'postgres',
    );
    expect(parseConfig({ DATABASE_URL: '', PORT: ' ' })).toMatchObject({
      port: 8080,
      database: { dialect: 'sqlite' },
    });
  });

  it.each(['abc', '-1', '65536', '80.5', '8080x'])('rejects PORT=%s, naming PORT', (port) => {
    const error = configError(() => parseConfig({ PORT: port }));
    expect(error.code).toBe('invalid_config');
    expect(error.variable).toBe('PORT');
    expect(error.message).toContain('PORT');
    expect(error.messages.hi).toContain('PORT');
  });

  it('rejects a DATABASE_URL that is not postgres, without echoing it', () => {
    for (const url of ['mysql://root:hunter2@db/sakhi', 'not a url', 'sqlite:///tmp/x.db']) {
      const error = configError(() => parseConfig({ DATABASE_URL: url }));
      expect(error.variable).toBe('DATABASE_URL');
      expect(error.message).toContain('DATABASE_URL');
      expect(error.message).not.toContain('hunter2');
    }
  });

  it('rejects a malformed SAKHI_HOST', () => {
    expect(configError(() => parseConfig({ SAKHI_HOST: 'my host' })).variable).toBe('SAKHI_HOST');
  });

  it('rejects unknown flags, so a typo never silently starts production', () => {
    const error = configError(() => parseConfig({}, ['--dmeo']));
    expect(error.variable).toBe('--dmeo');
    expect(error.messages.en).toContain('--demo');
  });
});
