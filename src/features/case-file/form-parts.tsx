// Pieces every action form on the case page shares: its frame with save and cancel, and
// how typed text becomes a stored value.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { useUnsavedInput } from '../../shell/unsaved-input.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import { DateField } from '../../ui/DateField.tsx';

export interface ActionFormProps {
  readonly title: string;
  readonly children: ComponentChildren;
  readonly onSubmit: () => void;
  readonly onCancel: () => void;
  readonly isSaving: boolean;
  readonly failure: string | null;
  readonly submitLabel?: string;
  readonly testId?: string;
}

export function ActionForm({
  title,
  children,
  onSubmit,
  onCancel,
  isSaving,
  failure,
  submitLabel,
  testId,
}: ActionFormProps) {
  const t = useMessages(caseFileMessages);
  // An open action form may hold typed input, so an update waits until it is saved or cancelled.
  useUnsavedInput(true);
  // Opening a form moves focus to its heading: the keyboard goes on inside the form, and a
  // screen reader says which form opened, instead of staying on the button that opened it.
  // In the same task as the form appears, so a key she presses at once is not undone later
  // (focus-on-request.ts).
  const headingRef = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => headingRef.current?.focus(), []);
  return (
    <form
      class="action-form"
      noValidate
      data-testid={testId}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <h4 tabIndex={-1} ref={headingRef}>
        {title}
      </h4>
      <div class="form-grid">{children}</div>
      {failure ? <Banner tone="danger">{fill(t.saveFailed, { reason: failure })}</Banner> : null}
      <div class="form-actions">
        <Button onClick={onCancel}>{t.cancel}</Button>
        <span class="header-spacer" />
        <Button
          type="submit"
          variant="primary"
          disabled={isSaving}
          testId={testId ? `${testId}-save` : undefined}
        >
          {submitLabel ?? t.save}
        </Button>
      </div>
    </form>
  );
}

/** An action form's props: what it acts on, and what to do once it closes, saved or not. */
export type ActionProps<On> = Readonly<On> & { readonly onDone: (isSaved: boolean) => void };

/** When something happened, to the minute: every action that records a moment asks for it so. */
export function WhenField(props: {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly error: string | undefined;
  readonly onInput: (value: string) => void;
}) {
  return <DateField {...props} type="datetime-local" isRequired />;
}

/** Trimmed text, or null for an empty answer (records never hold ''). */
export function textOrNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A choice, or null while none is made (a select holds '' for that). */
export function codeOrNull<C extends string>(value: C | ''): C | null {
  return value === '' ? null : value;
}

export type Errors<F extends string> = Partial<Record<F, string>>;

export function hasErrors<F extends string>(errors: Errors<F>): boolean {
  return Object.values(errors).some(Boolean);
}
