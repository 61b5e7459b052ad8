import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LangContext } from '../i18n/lang.ts';
import { appMessages } from '../i18n/messages.ts';
import { openTablet } from '../shell/open-stores.ts';
import { App } from './App.tsx';
import { SkipLink } from './SkipLink.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const focusable = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

describe('skip link', () => {
  it('is the first thing the Tab key reaches, and takes focus to the screen itself', async () => {
    // No server: the sign-in screen is enough to see the frame.
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    render(<App openTablet={() => openTablet({ databaseName: `sakhi-skip-${Date.now()}` })} />);
    await screen.findByTestId('sign-in-page', {}, { timeout: 10_000 });
    const skipLink = screen.getByTestId('skip-link');
    expect(document.querySelector(focusable)).toBe(skipLink);
    expect(skipLink.textContent).toBe(appMessages.hi.skipToMain);

    fireEvent.click(skipLink);
    const main = document.querySelector('main');
    expect(document.activeElement).toBe(main);
    expect(main?.contains(screen.getByTestId('sign-in-page'))).toBe(true);
  });

  it('speaks English on an English screen', () => {
    render(
      <LangContext.Provider value="en">
        <SkipLink />
      </LangContext.Provider>,
    );
    expect(screen.getByTestId('skip-link').textContent).toBe('Skip to main content');
  });
});
