import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Sex } from '@lintas/nik';
import { useMutation, useSession } from '../../api/client';
import { graphql } from '../../gql';
import type { RegisterWorkerInput, WorkersPageWorkerRowFragment } from '../../gql/graphql';
import { fill, useMessages } from '../../i18n/locale';
import { Link, setSearch } from '../../router';
import { ErrorNotice } from '../../ui/error-notice';
import { SelectField, TextField } from '../../ui/field';
import { common } from '../../ui/messages';
import { RegencyOptions } from '../../ui/regency-options';
import { SubmitActions } from '../../ui/submit-actions';
import { workers } from './messages';
import {
  checkNik,
  describeProblem,
  PASSPORT,
  PHONE,
  serverProblem,
  type Problem,
  type Regency,
  type RegionIndex,
} from './worker-checks';

const REGISTER_WORKER = graphql(`
  mutation WorkersPageRegisterWorker($input: RegisterWorkerInput!) {
    registerWorker(input: $input) {
      ...WorkersPageWorkerRow
    }
  }
`);

interface Form {
  fullName: string;
  nik: string;
  dateOfBirth: string;
  sex: Sex | '';
  originRegencyCode: string;
  phone: string;
  passportNumber: string;
  kinName: string;
  kinRelationship: string;
  kinPhone: string;
}

type FieldName = keyof Form;

/** What each input of the form is given: its value, its handlers, its problem. */
interface FieldProps {
  name: FieldName;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  onBlur: () => void;
  error: string | undefined;
}

const EMPTY: Form = {
  fullName: '',
  nik: '',
  dateOfBirth: '',
  sex: '',
  originRegencyCode: '',
  phone: '',
  passportNumber: '',
  kinName: '',
  kinRelationship: '',
  kinPhone: '',
};

/** Where the API reports each field's refusal (`extensions.fields[].path`). */
const SERVER_PATHS: Record<FieldName, string> = {
  fullName: 'input.fullName',
  nik: 'input.nik',
  dateOfBirth: 'input.dateOfBirth',
  sex: 'input.sex',
  originRegencyCode: 'input.originRegencyCode',
  phone: 'input.phone',
  passportNumber: 'input.passportNumber',
  kinName: 'input.nextOfKin.name',
  kinRelationship: 'input.nextOfKin.relationship',
  kinPhone: 'input.nextOfKin.phone',
};

/** Today as the API decides "in the future" (its UTC date). */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** What is wrong with the form before it is sent: the NIK's rules, required fields, the formats the API checks. */
function localProblems(
  form: Form,
  regions: RegionIndex | undefined,
  complete: boolean,
): Partial<Record<FieldName, Problem>> {
  const problems: Partial<Record<FieldName, Problem>> = checkNik(form.nik, form, regions, complete);
  if (form.dateOfBirth > today()) problems.dateOfBirth = { key: 'birthDateFuture' };
  if (form.phone && !PHONE.test(form.phone)) problems.phone = { key: 'phoneFormat' };
  if (form.passportNumber && !PASSPORT.test(form.passportNumber)) {
    problems.passportNumber = { key: 'passportFormat' };
  }
  if (form.kinPhone && !PHONE.test(form.kinPhone)) problems.kinPhone = { key: 'phoneFormat' };
  if (!complete) return problems;
  const required: FieldName[] = ['fullName', 'dateOfBirth', 'sex', 'originRegencyCode'];
  // Next of kin is optional, but a name without a relationship (or the reverse) is not enough.
  if (form.kinName.trim() || form.kinRelationship.trim() || form.kinPhone) {
    required.push('kinName', 'kinRelationship');
  }
  for (const field of required) {
    if (!form[field].trim()) problems[field] ??= { key: 'required' };
  }
  return problems;
}

function toInput(form: Form): RegisterWorkerInput {
  const kin = form.kinName.trim();
  return {
    fullName: form.fullName.trim(),
    nik: form.nik,
    dateOfBirth: form.dateOfBirth,
    sex: form.sex === 'MALE' ? 'MALE' : 'FEMALE',
    originRegencyCode: form.originRegencyCode,
    ...(form.phone && { phone: form.phone.trim() }),
    ...(form.passportNumber && { passportNumber: form.passportNumber }),
    ...(kin && {
      nextOfKin: {
        name: kin,
        relationship: form.kinRelationship.trim(),
        ...(form.kinPhone && { phone: form.kinPhone.trim() }),
      },
    }),
  };
}

/**
 * Daftarkan pekerja: the NIK is checked as it is typed against the regions and the other fields;
 * what the API refuses is shown on the field at fault; a NIK already registered says so, and
 * `onShowTaken` has the workers page search it (in its memory: a NIK never goes into a URL).
 */
export function RegisterWorkerForm({
  regions,
  regionsFailed,
  onShowTaken,
}: {
  regions: RegionIndex | undefined;
  regionsFailed: boolean;
  onShowTaken: (nik: string) => void;
}): ReactNode {
  const text = useMessages(workers);
  const shared = useMessages(common);
  const session = useSession();
  const [form, setForm] = useState<Form>(EMPTY);
  const [left, setLeft] = useState<Set<FieldName>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [changedSinceRefusal, setChangedSinceRefusal] = useState<Set<FieldName>>(new Set());
  const [registered, setRegistered] = useState<WorkersPageWorkerRowFragment>();
  const [run, { running, error }, reset] = useMutation(REGISTER_WORKER);
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const [attempt, setAttempt] = useState(0);

  // After a refused attempt, the first field at fault takes the focus, so a keyboard user lands on it.
  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt, error]);

  // The form is replaced by what was registered: the focus follows, or it would be lost with the button.
  useEffect(() => {
    if (registered) doneRef.current?.focus();
  }, [registered]);

  const agency = session?.principal.agency;
  const inJurisdiction = (regency: Regency): boolean =>
    !agency ||
    agency.kind === 'NATIONAL' ||
    agency.provinceCodes.includes(regency.provinceCode) ||
    agency.regencyCodes.includes(regency.code);
  const groups = regions?.byProvince(inJurisdiction) ?? [];
  const choices = groups.length > 0 ? groups : (regions?.byProvince() ?? []);

  const problems = localProblems(form, regions, submitted);
  // Said once a field was left: a required field still empty, a NIK still short.
  const whenLeft = localProblems(form, regions, true);
  const problemOf = (field: FieldName): string | undefined => {
    const local = problems[field] ?? (left.has(field) ? whenLeft[field] : undefined);
    if (local) return describeProblem(local, text);
    if (!error || changedSinceRefusal.has(field)) return undefined;
    const message = error.fieldMessage(SERVER_PATHS[field]);
    return message === undefined ? undefined : describeProblem(serverProblem(message), text);
  };

  const set =
    (field: FieldName, normalise: (value: string) => string = (value) => value) =>
    (event: { target: { value: string } }): void => {
      const value = normalise(event.target.value);
      setForm((previous) => ({ ...previous, [field]: value }));
      setChangedSinceRefusal((previous) => new Set(previous).add(field));
    };
  const leave = (field: FieldName) => (): void => setLeft((previous) => new Set(previous).add(field));
  const field = (name: FieldName): FieldProps => ({
    name,
    value: form[name],
    onChange: set(name),
    onBlur: leave(name),
    error: problemOf(name),
  });

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setSubmitted(true);
    setAttempt((value) => value + 1);
    if (Object.keys(whenLeft).length > 0) {
      reset();
      return;
    }
    setChangedSinceRefusal(new Set());
    const result = await run({ input: toInput(form) });
    if (result) setRegistered(result.registerWorker);
  };

  const startAgain = (): void => {
    setForm(EMPTY);
    setLeft(new Set());
    setSubmitted(false);
    setRegistered(undefined);
    setAttempt(0);
    reset();
  };

  if (registered) {
    return (
      <div ref={doneRef} tabIndex={-1} className="notice notice-ok workers-registered" role="status">
        <p>
          <strong>{text.registered}</strong>
        </p>
        <p>
          {fill(text.registeredWorker, {
            name: registered.fullName,
            nik: registered.nik ?? text.unknown,
            regency: registered.originRegency?.name ?? text.unknown,
          })}
        </p>
        <div className="actions">
          <Link
            className="button primary"
            to={`/penempatan/baru?pekerja=${encodeURIComponent(registered.id)}`}
          >
            {text.registerPlacement}
          </Link>
          <Link className="button secondary" to={`/pekerja?pekerja=${encodeURIComponent(registered.id)}`}>
            {text.showWorker}
          </Link>
          <button type="button" className="button secondary" onClick={startAgain}>
            {text.registerAnother}
          </button>
        </div>
      </div>
    );
  }

  const taken = error?.code === 'CONFLICT';
  const invalid = submitted && Object.keys(problems).length > 0;
  const nikRegion =
    regions && /^\d{16}$/.test(form.nik) ? regions.regionOfNik(form.nik.slice(0, 4)) : undefined;
  const nikHint = nikRegion
    ? fill(nikRegion.legacyCode ? text.nikLegacyRegionHint : text.nikRegionHint, {
        code: nikRegion.legacyCode ?? '',
        regency: nikRegion.regency.name,
        current: nikRegion.regency.code,
        province: nikRegion.province?.name ?? nikRegion.regency.provinceCode,
      })
    : text.nikHint;
  const optional = (label: string): string => `${label} ${shared.optional}`;

  return (
    <form
      ref={formRef}
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-describedby="workers-register-intro"
    >
      <p id="workers-register-intro" className="muted">
        {text.registerIntro}
      </p>
      {taken ? (
        <div className="notice notice-error" role="alert">
          <p>{text.taken}</p>
          <Link to="/pekerja" onClick={() => onShowTaken(form.nik)}>
            {text.showTaken}
          </Link>
        </div>
      ) : error?.code === 'BAD_USER_INPUT' ? (
        <div className="notice notice-error" role="alert">
          <p>{text.checkFields}</p>
        </div>
      ) : (
        <ErrorNotice error={error} />
      )}
      {invalid && !error && (
        <div className="notice notice-error" role="alert">
          <p>{text.checkFields}</p>
        </div>
      )}
      {regionsFailed && <p className="notice notice-warning">{text.regionsFailed}</p>}
      <div className="form-grid">
        <TextField label={text.fullName} autoComplete="off" maxLength={200} {...field('fullName')} />
        <TextField
          label={text.nik}
          hint={nikHint}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          maxLength={16}
          className="workers-nik"
          {...field('nik')}
          onChange={set('nik', (value) => value.replace(/\s/g, ''))}
        />
        <TextField label={text.dateOfBirth} type="date" max={today()} {...field('dateOfBirth')} />
        <SelectField label={text.sex} {...field('sex')}>
          <option value="">{text.chooseSex}</option>
          <option value="FEMALE">{text.FEMALE}</option>
          <option value="MALE">{text.MALE}</option>
        </SelectField>
        {regionsFailed ? (
          <TextField
            label={text.originRegency}
            hint={text.regencyCodeHint}
            inputMode="numeric"
            autoComplete="off"
            maxLength={4}
            {...field('originRegencyCode')}
          />
        ) : (
          <SelectField
            label={text.originRegency}
            hint={regions ? undefined : text.regionsLoading}
            disabled={!regions}
            {...field('originRegencyCode')}
          >
            <option value="">{text.chooseRegency}</option>
            <RegencyOptions groups={choices} />
          </SelectField>
        )}
        <TextField
          label={optional(text.phone)}
          hint={text.phoneHint}
          type="tel"
          autoComplete="off"
          {...field('phone')}
        />
        <TextField
          label={optional(text.passportNumber)}
          hint={text.passportHint}
          autoComplete="off"
          spellCheck={false}
          maxLength={9}
          {...field('passportNumber')}
          onChange={set('passportNumber', (value) => value.toUpperCase().replace(/\s/g, ''))}
        />
      </div>
      <fieldset className="workers-kin">
        <legend>{optional(text.nextOfKin)}</legend>
        <div className="form-grid">
          <TextField label={text.nextOfKinName} autoComplete="off" maxLength={200} {...field('kinName')} />
          <TextField
            label={text.nextOfKinRelationship}
            hint={text.nextOfKinRelationshipHint}
            autoComplete="off"
            maxLength={100}
            {...field('kinRelationship')}
          />
          <TextField label={text.nextOfKinPhone} type="tel" autoComplete="off" {...field('kinPhone')} />
        </div>
      </fieldset>
      <SubmitActions label={text.submit} running={running} runningLabel={text.submitting}>
        <button type="button" className="button secondary" onClick={() => setSearch({ daftar: undefined })}>
          {shared.cancel}
        </button>
      </SubmitActions>
    </form>
  );
}
