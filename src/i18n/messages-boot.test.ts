import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootMessages } from './messages-boot.ts';

const indexHtml = readFileSync(resolve(import.meta.dirname, '../../index.html'), 'utf8');
/** What a person reads in the page before any script runs: text with its spaces folded. */
const bootText = (indexHtml.match(/<div id="boot"[\s\S]*?<noscript>/)?.[0] ?? '')
  .replace(/<[^>]+>/g, ' ')
  .replace(/\s+/g, ' ');

describe('the first screen in index.html', () => {
  it.each(['hi', 'en'] as const)(
    'says in %s what is loading and why it may take a minute',
    (lang) => {
      for (const line of Object.values(bootMessages[lang])) expect(bootText).toContain(line);
    },
  );

  it('styles itself from a file, as the Content-Security-Policy allows, never inline', () => {
    expect(indexHtml).toContain('<link rel="stylesheet" href="/boot.css" />');
    expect(indexHtml).not.toMatch(/<style|style="/);
  });

  it('promises no offline use before the tablet is ready for it', () => {
    expect(bootText).not.toMatch(/ऑफ़लाइन|इंटरनेट के बिना|offline|without internet/i);
  });
});
