/**
 * What an action form checks before it saves, read from the record's own schema so a form
 * never restates a rule the store applies anyway; cross-field rules (entry-rules.ts,
 * case-rules.ts) come after, only once every field is well formed.
 *
 * What must stay true: a field that fails gets the message staff already know for that
 * kind of answer (a date, a date and time, a choice, minutes), in both languages, and
 * what passes comes back as the schema's own output, so a form saves what was checked.
 */
import { z } from '../../domain/zod.ts';
import { calendarDateSchema, instantSchema } from '../../domain/india-time.ts';
import { fill } from '../../i18n/define-messages.ts';
import { hasErrors, type Errors } from './form-parts.tsx';

export type CheckResult<Checked> =
  | { readonly isValid: true; readonly checked: Checked }
  | { readonly isValid: false; readonly errors: Errors<string> };

/** The case page's messages (caseFileMessages) these checks show. */
export type CheckMessages = Readonly<
  Record<'errorRequired' | 'errorDate' | 'errorDateTime' | 'errorDuration' | 'errorTooLong', string>
>;

/** A record schema's fields, each with its own schema. */
type Shape<S> = { readonly [K in keyof S]: z.core.$ZodType };

/** The checked fields, typed as the schema gives them back. */
export type CheckedFields<S extends Shape<S>, F extends keyof S> = { [K in F]: z.output<S[K]> };

/** Valid with `checked` when `errors` holds no message; otherwise the errors to show. */
export function resultOf<Checked>(errors: Errors<string>, checked: Checked): CheckResult<Checked> {
  return hasErrors(errors) ? { isValid: false, errors } : { isValid: true, checked };
}

function withoutNull(schema: z.core.$ZodType): z.core.$ZodType {
  return schema instanceof z.core.$ZodNullable ? withoutNull(schema._zod.def.innerType) : schema;
}

/** The tightest length limit a text schema checks, null when it checks none. */
function maxLengthOf(schema: z.core.$ZodString): number | null {
  const limits = (schema._zod.def.checks ?? []).flatMap((check) =>
    check instanceof z.core.$ZodCheckMaxLength ? [check._zod.def.maximum] : [],
  );
  return limits.length > 0 ? Math.min(...limits) : null;
}

/** The message for an answer its schema refuses, chosen by what kind of answer it is. */
function messageFor(schema: z.core.$ZodType, value: unknown, t: CheckMessages): string {
  if (schema === calendarDateSchema) return t.errorDate;
  if (schema === instantSchema) return t.errorDateTime;
  // The one number an entry holds is a session's length in minutes.
  if (schema instanceof z.core.$ZodNumber) return t.errorDuration;
  const maxLength = schema instanceof z.core.$ZodString ? maxLengthOf(schema) : null;
  if (typeof value === 'string' && maxLength !== null && value.length > maxLength)
    return fill(t.errorTooLong, { max: maxLength });
  return t.errorRequired;
}

/**
 * Checks each field of `draft` (the form's answers as record values, null for no answer)
 * with the schema's field of the same name. A field the schema lets be null but this form
 * asks for goes in `required`. `rules` runs only when every field passed.
 */
export function checkEntryFields<S extends Shape<S>, F extends keyof S & string>(
  schema: { readonly shape: S },
  draft: { readonly [K in F]: unknown },
  t: CheckMessages,
  options: {
    readonly required?: readonly NoInfer<F>[];
    readonly rules?: (checked: CheckedFields<S, F>) => Errors<string>;
  } = {},
): CheckResult<CheckedFields<S, F>> {
  const errors: Errors<string> = {};
  const checked: Partial<Record<F, unknown>> = {};
  for (const field of Object.keys(draft) as F[]) {
    const declared = schema.shape[field];
    const fieldSchema = options.required?.includes(field) ? withoutNull(declared) : declared;
    const parsed = z.safeParse(fieldSchema, draft[field]);
    if (parsed.success) checked[field] = parsed.data;
    else errors[field] = messageFor(withoutNull(declared), draft[field], t);
  }
  if (hasErrors(errors)) return { isValid: false, errors };
  // Every field of the draft was parsed by its own schema just above.
  const fields = checked as CheckedFields<S, F>;
  return resultOf(options.rules?.(fields) ?? {}, fields);
}
