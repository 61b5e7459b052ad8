import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { LangContext, type Lang } from '../i18n/lang.ts';
import { DateField } from './DateField.tsx';

afterEach(() => {
  cleanup();
});

function hintOf(lang: Lang, type: 'date' | 'datetime-local', value: string) {
  const { container } = render(
    <LangContext.Provider value={lang}>
      <DateField
        name="when"
        type={type}
        label="When"
        hint="As she remembers it"
        value={value}
        onInput={() => undefined}
      />
    </LangContext.Provider>,
  );
  const input = container.querySelector('input');
  const hint = container.querySelector('.field-hint');
  expect(input?.getAttribute('aria-describedby')).toBe(hint?.id ?? null);
  return hint?.textContent ?? null;
}

describe('a date input says back the day she chose', () => {
  it('with its month in words, whatever order the browser shows day and month in', () => {
    expect(hintOf('hi', 'date', '2026-12-03')).toBe('As she remembers it · यानी 3 दिसंबर 2026');
    expect(hintOf('en', 'date', '2026-03-12')).toBe('As she remembers it · That is 12 March 2026');
  });

  it('a date and time in India time, dd/mm/yyyy', () => {
    expect(hintOf('en', 'datetime-local', '2026-03-12T10:30')).toMatch(
      /^As she remembers it · That is \d\d\/03\/2026, /,
    );
  });

  it('nothing while the date is empty or half typed', () => {
    expect(hintOf('en', 'date', '')).toBe('As she remembers it');
    expect(hintOf('en', 'datetime-local', '2026-03')).toBe('As she remembers it');
  });
});
