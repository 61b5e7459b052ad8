// First: configures zod before any module parses with it.
import '../platform/zod-config.ts';
import { render } from 'preact';
import { App } from './App.tsx';
import './app.css';
import { interceptLinkClicks } from '../shell/router.ts';
import { registerServiceWorker } from './service-worker.ts';
import { createUpdateSignal } from './update-signal.ts';

const updates = createUpdateSignal();
const root = document.getElementById('app');
if (root) {
  interceptLinkClicks(root);
  render(<App updates={updates} />, root);
}
registerServiceWorker(updates.announce);
