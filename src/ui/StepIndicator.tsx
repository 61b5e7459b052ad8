import { useLang } from '../i18n/lang.ts';
import { appMessages } from '../i18n/messages.ts';
import { fill } from '../i18n/define-messages.ts';

export interface StepIndicatorProps {
  readonly steps: readonly { readonly key: string; readonly label: string }[];
  readonly currentKey: string;
  readonly onSelect?: (key: string) => void;
}

/** Where she is in a form of several steps; earlier steps can be tapped to go back. */
export function StepIndicator({ steps, currentKey, onSelect }: StepIndicatorProps) {
  const t = appMessages[useLang()];
  const currentIndex = steps.findIndex((step) => step.key === currentKey);
  return (
    <nav class="steps" aria-label={fill(t.stepOf, { n: currentIndex + 1, total: steps.length })}>
      <ol>
        {steps.map((step, index) => {
          const state = index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'todo';
          return (
            <li
              key={step.key}
              class={`step step-${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              {state === 'done' && onSelect ? (
                <button type="button" class="step-button" onClick={() => onSelect(step.key)}>
                  <span class="step-number">{index + 1}</span> {step.label}
                </button>
              ) : (
                <span class="step-button">
                  <span class="step-number">{index + 1}</span> {step.label}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
