import { render } from 'preact';
import { App } from './App.tsx';
import { registerServiceWorker } from './service-worker.ts';

const root = document.getElementById('app');
if (root) render(<App />, root);
registerServiceWorker();
