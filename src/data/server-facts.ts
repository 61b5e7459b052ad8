/**
 * What the tablet remembers of its server between visits, so the app can say it offline:
 * for now, whether the server runs as a demo (`GET /api/health` answers `demo: true`), so
 * the header labels demo accounts and a real deployment shows no label.
 */
import type { SakhiDatabase } from './database.ts';

/** False until a server has said otherwise: a real deployment never shows the demo label. */
export async function readServerIsDemo(db: SakhiDatabase): Promise<boolean> {
  const stored = await db.meta.get('server');
  return stored?.key === 'server' ? stored.value.isDemo : false;
}

export async function rememberServerIsDemo(db: SakhiDatabase, isDemo: boolean): Promise<void> {
  await db.meta.put({ key: 'server', value: { isDemo } });
}
