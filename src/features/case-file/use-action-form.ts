/**
 * The skeleton every action form on the case page shares, so a form says only what is its
 * own: its answers, how they are checked, and how they become a record.
 *
 * What must stay true: nothing is saved until the checks pass; a failed save keeps the form
 * open with her answers and the store's reason; the form closes only once saved, or
 * unsaved when she cancels.
 */
import { useState } from 'preact/hooks';
import { useLang, type Lang } from '../../i18n/lang.ts';
import type { CheckResult } from './entry-checks.ts';
import type { Errors } from './form-parts.tsx';
import { errorText } from './use-case-file.ts';

/** Runs one save at a time and keeps its failure to show next to the form. */
function useSave(lang: Lang): {
  readonly isSaving: boolean;
  readonly failure: string | null;
  readonly run: (save: () => Promise<void>) => Promise<boolean>;
} {
  const [isSaving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (save: () => Promise<void>) => {
    setSaving(true);
    setFailure(null);
    try {
      await save();
      return true;
    } catch (error) {
      setFailure(errorText(error, lang));
      return false;
    } finally {
      setSaving(false);
    }
  };
  return { isSaving, failure, run };
}

/**
 * Runs a form's save (a failure stays on the form, with its reason) and closes the form once
 * saved, unless the save answers 'keep-open'; cancel closes it unsaved. `form` is
 * ActionForm's part of it.
 */
export function useActionSave(onDone: (isSaved: boolean) => void) {
  const save = useSave(useLang());
  return {
    saveThenClose: async (work: () => Promise<'keep-open' | void>) => {
      let isKeptOpen = false;
      const isSaved = await save.run(async () => {
        isKeptOpen = (await work()) === 'keep-open';
      });
      if (isSaved && !isKeptOpen) onDone(true);
    },
    form: { onCancel: () => onDone(false), isSaving: save.isSaving, failure: save.failure },
  };
}

export interface ActionFormSpec<Values, Checked> {
  readonly initial: Values | (() => Values);
  /** Her answers checked; when valid, what `save` gets. */
  readonly check: (values: Values) => CheckResult<Checked>;
  readonly save: (checked: Checked, values: Values) => Promise<unknown>;
  readonly onDone: (isSaved: boolean) => void;
}

/**
 * One action form's answers, their messages (set when she tries to save) and its save.
 * `bind(field)` gives a field its name, value, message and change handler; `form` is what
 * ActionForm needs.
 */
export function useActionForm<Values extends object, Checked>(
  spec: ActionFormSpec<Values, Checked>,
) {
  const [values, setValues] = useState<Values>(spec.initial);
  const [errors, setErrors] = useState<Errors<string>>({});
  const save = useActionSave(spec.onDone);

  // A changed answer drops its own message: what she fixed must not still say "required".
  // The rest stay until the next try to save checks them again.
  const set = <F extends keyof Values>(field: F, value: Values[F]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => {
      if (!(field in previous)) return previous;
      const { [field as string]: _fixed, ...rest } = previous;
      return rest;
    });
  };

  const submit = async () => {
    const result = spec.check(values);
    setErrors(result.isValid ? {} : result.errors);
    if (!result.isValid) return;
    await save.saveThenClose(async () => {
      await spec.save(result.checked, values);
    });
  };

  const bind = <F extends keyof Values & string>(field: F) => {
    const change = (value: Values[F]) => set(field, value);
    return {
      name: field,
      value: values[field],
      error: errors[field],
      onInput: change,
      onChange: change,
    };
  };

  return {
    values,
    errors,
    bind,
    form: { ...save.form, onSubmit: () => void submit() },
  };
}
