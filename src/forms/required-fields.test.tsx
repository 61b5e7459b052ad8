import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { LangContext } from '../i18n/lang.ts';
import { emptyCaseDetails } from './case-details-values.ts';
import { ConsentFields } from './DetailFields.tsx';

afterEach(() => {
  cleanup();
});

function isMarkedRequired(container: Element, name: string): boolean {
  const control = container.querySelector<HTMLElement>(`[name="${name}"]`);
  if (!control) throw new Error(`no field named ${name}`);
  const label = container.querySelector(`label[for="${control.id}"]`);
  return (
    control.getAttribute('aria-required') === 'true' &&
    label?.querySelector('.field-required') !== null
  );
}

describe('required fields are marked', () => {
  it('who gave consent, and when, carry the asterisk like every required field', () => {
    const { container } = render(
      <LangContext.Provider value="hi">
        <ConsentFields
          values={emptyCaseDetails}
          errors={{}}
          set={() => undefined}
          isMinor={false}
        />
      </LangContext.Provider>,
    );
    expect(isMarkedRequired(container, 'consentGivenBy')).toBe(true);
    expect(isMarkedRequired(container, 'consentRecordedAt')).toBe(true);
  });
});
