import {
  useId,
  useState,
  type Dispatch,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SetStateAction,
} from 'react';
import type { ApiError } from '../../api/api-error';
import { useMutation, type MutationState } from '../../api/client';
import type { TypedDocumentString } from '../../gql/graphql';
import { useLocale, useMessages } from '../../i18n/locale';
import { codesOf, label, type Names } from '../../labels/names';
import { ErrorNotice } from '../../ui/error-notice';
import { TextAreaField } from '../../ui/field';
import { common } from '../../ui/messages';
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
  names,
  value,
  onChange,
  error,
}: {
  legend: string;
  hint?: string;
  names: Names<Code>;
  value: readonly Code[];
  onChange: (next: Code[]) => void;
  error?: string;
}): ReactNode {
  const id = useId();
  const locale = useLocale();
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
        {codesOf(names).map((code) => (
          <CheckboxField
            key={code}
            label={label(names, code, locale)}
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
function useFieldError(
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
function MutationError({
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

/** A form's change and what refused it: the form's own checks (`problems`, by field) and the API's. */
export interface FormMutation<Result, Variables> {
  run: (variables: Variables) => Promise<Result | undefined>;
  state: MutationState;
  reset: () => void;
  problems: Record<string, string>;
  setProblems: Dispatch<SetStateAction<Record<string, string>>>;
  /** The message of a field, by its path in the operation's variables (`input.note`). */
  fieldError: (path: string) => string | undefined;
}

export function useFormMutation<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
): FormMutation<Result, Variables> {
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [run, state, reset] = useMutation(document);
  const fieldError = useFieldError(state.error, problems);
  return { run, state, reset, problems, setProblems, fieldError };
}

/**
 * A form that sends one change: its fields, what refused the change, and the submit button, which
 * says "saving" while the change is sent. Each send clears the refusal before; `onReload` reads
 * the record again after a CONFLICT.
 */
export function MutationForm({
  mutation,
  onSend,
  onReload,
  submitText,
  submitDisabled = false,
  children,
}: {
  mutation: { state: MutationState; reset: () => void };
  onSend: () => Promise<void>;
  onReload: () => void;
  submitText: string;
  submitDisabled?: boolean;
  children: ReactNode;
}): ReactNode {
  const shared = useMessages(common);
  const send = (event: FormEvent): void => {
    event.preventDefault();
    mutation.reset();
    void onSend();
  };
  return (
    <form onSubmit={send} noValidate>
      {children}
      <MutationError
        error={mutation.state.error}
        onReload={() => {
          mutation.reset();
          onReload();
        }}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={mutation.state.running || submitDisabled}>
          {mutation.state.running ? shared.saving : submitText}
        </button>
      </div>
    </form>
  );
}

/** The officer's note on a change, up to 4000 characters; optional unless `required`. */
export function NoteField({
  value,
  onChange,
  error,
  required = false,
  hint,
  rows = 3,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  required?: boolean;
  hint?: string;
  rows?: number;
}): ReactNode {
  const text = useMessages(messages);
  const shared = useMessages(common);
  return (
    <TextAreaField
      label={required ? text.note : `${text.note} ${shared.optional}`}
      required={required}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      hint={hint}
      rows={rows}
      maxLength={4000}
      error={error}
    />
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
