import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import type { ApiError } from '../../api/api-error';
import { useLocale, useMessages } from '../../i18n/locale';
import { ErrorNotice } from '../../ui/error-notice';
import { messages } from './messages';
import { serverFieldMessage } from './server-messages';

/** A labelled checkbox, its hint read with it. */
export function CheckboxField({
  label,
  hint,
  ...input
}: { label: string; hint?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>): ReactNode {
  const id = useId();
  return (
    <div className="pp-check">
      <input id={id} type="checkbox" aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * A group of checkboxes (needs of a journey, services refused) under its legend, each code named
 * in the officer's language; `value` holds the codes ticked.
 */
export function CheckboxGroup<Code extends string>({
  legend,
  hint,
  codes,
  names,
  value,
  onChange,
  error,
}: {
  legend: string;
  hint?: string;
  codes: readonly Code[];
  names: Record<Code, string>;
  value: readonly Code[];
  onChange: (next: Code[]) => void;
  error?: string;
}): ReactNode {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset
      className={error ? 'pp-group field-invalid' : 'pp-group'}
      aria-describedby={described || undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <div className="pp-group-options">
        {codes.map((code) => (
          <CheckboxField
            key={code}
            label={names[code]}
            checked={value.includes(code)}
            onChange={(event) =>
              onChange(event.target.checked ? [...value, code] : value.filter((ticked) => ticked !== code))
            }
          />
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/**
 * The message for a field: the form's own check first, else the API's refusal of it (by its path
 * in the operation's variables), in the officer's language where the page knows it.
 */
export function useFieldError(
  error: ApiError | undefined,
  problems: Partial<Record<string, string>>,
): (path: string) => string | undefined {
  const locale = useLocale();
  return (path) => {
    const last = path.split('.').at(-1) ?? path;
    return problems[last] ?? serverFieldMessage(error?.fieldMessage(path), locale);
  };
}

/**
 * A refused change: the reason, and for CONFLICT (someone changed the record meanwhile) a way to
 * reload it while keeping what was typed; for a refused precondition, what was not met.
 */
export function MutationError({
  error,
  onReload,
}: {
  error: ApiError | undefined;
  onReload: () => void;
}): ReactNode {
  const text = useMessages(messages);
  if (!error) return null;
  const rehabilitationOver = error.unmet.some((condition) => condition.kind === 'REHABILITATION_PERIOD');
  return (
    <ErrorNotice error={error}>
      {rehabilitationOver && <p>{text.rehabilitationOver}</p>}
      {error.code === 'PRECONDITION_FAILED' && !rehabilitationOver && (
        <ul>
          {error.unmet.map((condition) => (
            <li key={condition.kind}>{condition.reason ?? condition.kind}</li>
          ))}
        </ul>
      )}
      {error.code === 'CONFLICT' && (
        <>
          <p>{text.conflictHelp}</p>
          <button type="button" className="button secondary" onClick={onReload}>
            {text.reloadData}
          </button>
        </>
      )}
    </ErrorNotice>
  );
}

/** The message of a moment the form refused before sending it. */
export function momentProblem(
  problem: 'required' | 'invalid' | 'future' | undefined,
  text: Record<'required' | 'invalidDateTime' | 'futureDateTime', string>,
): string | undefined {
  if (problem === 'required') return text.required;
  if (problem === 'invalid') return text.invalidDateTime;
  if (problem === 'future') return text.futureDateTime;
  return undefined;
}
