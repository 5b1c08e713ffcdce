import { useState, type FormEvent, type ReactNode } from 'react';
import { useDates } from '../../format/dates';
import { graphql } from '../../gql';
import type { RequirementInput, RequirementKind } from '../../gql/graphql';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { ErrorNotice } from '../../ui/error-notice';
import { SelectField, TextAreaField, TextField } from '../../ui/field';
import { bindField, type BoundField } from '../../ui/bound-field';
import { common } from '../../ui/messages';
import { NameOptions } from '../../ui/name-options';
import { SubmitActions } from '../../ui/submit-actions';
import { evidenceProblems, recordableKinds, recordableStatuses, type EvidenceDraft } from './evidence';
import { badgeClass, label } from '../../labels/names';
import { maskDocumentNumber, REQUIREMENT_KINDS, REQUIREMENT_STATUSES, requirementTone } from './labels';
import { placementDetail, placementWords } from './messages';
import type { PlacementDetail, PlacementSectionProps } from './placement-page';
import { isOfficer } from './roles';
import { usePlacementChange } from './use-placement-change';

type Requirement = PlacementDetail['requirements'][number];

const RECORD_REQUIREMENT = graphql(`
  mutation PlacementPageRecordRequirement($placementId: ID!, $version: Int!, $input: RequirementInput!) {
    recordRequirement(placementId: $placementId, version: $version, input: $input) {
      id
      version
    }
  }
`);

/** Evidence is recorded before departure: while the placement is registered or cleared. */
const OPEN_STAGES = new Set<string>(['REGISTERED', 'CLEARED']);

/** The checklist of UU 18/2017, with what was recorded for each requirement, and the form to record evidence. */
export function Checklist({ placement, roles, onChanged }: PlacementSectionProps): ReactNode {
  const text = useMessages(placementDetail);
  const words = useMessages(placementWords);
  const locale = useLocale();
  const officer = isOfficer(roles);

  return (
    <section aria-labelledby="placement-checklist">
      <h2 id="placement-checklist">{text.checklist}</h2>
      <p className="muted">{text.checklistIntro}</p>
      <div className="table-wrap">
        <table className="placements-checklist">
          <thead>
            <tr>
              <th scope="col">{text.requirement}</th>
              <th scope="col">{text.status}</th>
              <th scope="col">{text.reason}</th>
              <th scope="col">{text.evidence}</th>
            </tr>
          </thead>
          <tbody>
            {placement.requirements.map((requirement) => (
              <tr key={requirement.id}>
                <th scope="row">{label(REQUIREMENT_KINDS, requirement.kind, locale)}</th>
                <td>
                  <span className={badgeClass(requirementTone(requirement.status))}>
                    {label(REQUIREMENT_STATUSES, requirement.status, locale)}
                  </span>
                </td>
                <td>{requirement.reason ?? words.none}</td>
                <td>
                  <EvidenceRecorded requirement={requirement} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {officer && OPEN_STAGES.has(placement.stage) && (
        <EvidenceForm placement={placement} admin={roles.includes('ADMIN')} onChanged={onChanged} />
      )}
    </section>
  );
}

/** What the officer or LINTAS recorded for one requirement: who decided, then each detail given. */
function EvidenceRecorded({ requirement }: { requirement: Requirement }): ReactNode {
  const text = useMessages(placementDetail);
  const locale = useLocale();
  const dates = useDates();
  const details: [string, string | null][] = [
    [text.documentNumber, requirement.documentNumber && maskDocumentNumber(requirement.documentNumber)],
    [text.issuer, requirement.issuer],
    [text.issuedOn, requirement.issuedOn && dates.date(requirement.issuedOn)],
    [text.expiresOn, requirement.expiresOn && dates.date(requirement.expiresOn)],
    [text.note, requirement.note],
    [text.recordedAt, requirement.recordedAt && dates.dateTime(requirement.recordedAt)],
  ];
  return (
    <ul className="placements-evidence">
      <li className="muted">
        {requirement.evaluatedBy === 'LINTAS' ? text.evaluatedByLintas : text.evaluatedByOfficer}
      </li>
      {requirement.recordedStatus && requirement.recordedStatus !== requirement.status && (
        <li>
          {fill(text.recordedStatus, {
            status: label(REQUIREMENT_STATUSES, requirement.recordedStatus, locale),
          })}
        </li>
      )}
      {details.map(
        ([term, value]) =>
          value && (
            <li key={term}>
              {term}: {value}
            </li>
          ),
      )}
    </ul>
  );
}

/** The API's refusals of evidence, each for one check: named in the officer's language. */
const SERVER_REFUSALS: Partial<
  Record<string, 'evidenceDocumentNumberHint' | 'evidenceExpiresBeforeIssue' | 'evidenceNoteHint'>
> = {
  documentNumber: 'evidenceDocumentNumberHint',
  expiresOn: 'evidenceExpiresBeforeIssue',
  note: 'evidenceNoteHint',
};

const EMPTY: EvidenceDraft = {
  kind: '',
  status: '',
  documentNumber: '',
  issuer: '',
  issuedOn: '',
  expiresOn: '',
  note: '',
};

function EvidenceForm({
  placement,
  admin,
  onChanged,
}: {
  placement: PlacementDetail;
  admin: boolean;
  onChanged: () => void;
}): ReactNode {
  const text = useMessages(placementDetail);
  const words = useMessages(placementWords);
  const shared = useMessages(common);
  const locale = useLocale();
  const [draft, setDraft] = useState<EvidenceDraft>(EMPTY);
  const [checked, setChecked] = useState(false);
  const [saved, setSaved] = useState<string>();
  /** Fields changed since the last attempt: the API's refusal of what they held no longer applies. */
  const [edited, setEdited] = useState<ReadonlySet<keyof EvidenceDraft>>(new Set());
  const [record, { running, error }, retry] = usePlacementChange(RECORD_REQUIREMENT, onChanged);
  const kinds = recordableKinds(
    placement.requirements.map((requirement) => requirement.kind),
    admin,
  );
  const statuses = recordableStatuses(draft.kind, admin);
  const problems = checked ? evidenceProblems(draft) : {};

  const set =
    <Field extends keyof EvidenceDraft>(field: Field) =>
    (value: EvidenceDraft[Field]): void => {
      setSaved(undefined);
      setDraft((previous) => ({ ...previous, [field]: value }));
      setEdited((previous) => new Set(previous).add(field));
    };
  const message = (field: keyof EvidenceDraft): string | undefined => {
    const problem = problems[field];
    if (problem === 'required') return words.required;
    if (problem === 'expiresBeforeIssue') return text.evidenceExpiresBeforeIssue;
    const refusal = edited.has(field) ? undefined : error?.fieldMessage(`input.${field}`);
    const known = refusal ? SERVER_REFUSALS[field] : undefined;
    return known ? text[known] : refusal;
  };
  const field = <Field extends keyof EvidenceDraft>(name: Field): BoundField<EvidenceDraft[Field]> =>
    bindField(draft[name], set(name), message(name));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setChecked(true);
    setEdited(new Set());
    if (Object.keys(evidenceProblems(draft)).length > 0 || !draft.kind || !draft.status) return;
    const input: RequirementInput = {
      kind: draft.kind,
      status: draft.status,
      ...(draft.documentNumber.trim() && { documentNumber: draft.documentNumber.trim() }),
      ...(draft.issuer.trim() && { issuer: draft.issuer.trim() }),
      ...(draft.issuedOn && { issuedOn: draft.issuedOn }),
      ...(draft.expiresOn && { expiresOn: draft.expiresOn }),
      ...(draft.note.trim() && { note: draft.note.trim() }),
    };
    const result = await record({ placementId: placement.id, version: placement.version, input });
    if (!result) return;
    setSaved(fill(text.evidenceSaved, { requirement: label(REQUIREMENT_KINDS, draft.kind, locale) }));
    setDraft(EMPTY);
    setChecked(false);
    onChanged();
  };

  return (
    <form
      className="card"
      aria-labelledby="placement-evidence"
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <h3 id="placement-evidence">{text.evidenceForm}</h3>
      <ErrorNotice error={error} onRetry={retry} />
      {saved && (
        <p className="notice notice-ok" role="status">
          {saved}
        </p>
      )}
      <div className="form-grid">
        <SelectField
          label={text.evidenceRequirement}
          required
          {...field('kind')}
          onChange={(event) => {
            const kind = event.target.value as RequirementKind | '';
            const allowed = recordableStatuses(kind, admin);
            set('kind')(kind);
            if (draft.status && !allowed.includes(draft.status)) set('status')('');
          }}
        >
          <option value="">{text.evidenceRequirementChoose}</option>
          {kinds.map((kind) => {
            const current = placement.requirements.find((requirement) => requirement.kind === kind);
            return (
              <option key={kind} value={kind}>
                {label(REQUIREMENT_KINDS, kind, locale)}
                {current ? ` (${label(REQUIREMENT_STATUSES, current.status, locale)})` : ''}
              </option>
            );
          })}
        </SelectField>
        <SelectField label={text.evidenceStatus} required {...field('status')}>
          <option value="">{text.evidenceStatusChoose}</option>
          <NameOptions names={REQUIREMENT_STATUSES} codes={statuses} />
        </SelectField>
        <TextField
          label={text.evidenceDocumentNumber}
          hint={text.evidenceDocumentNumberHint}
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          {...field('documentNumber')}
        />
        <TextField label={`${text.evidenceIssuer} ${shared.optional}`} maxLength={200} {...field('issuer')} />
        <TextField label={`${text.evidenceIssuedOn} ${shared.optional}`} type="date" {...field('issuedOn')} />
        <TextField
          label={`${text.evidenceExpiresOn} ${shared.optional}`}
          type="date"
          min={draft.issuedOn || undefined}
          {...field('expiresOn')}
        />
      </div>
      <TextAreaField
        label={text.evidenceNote}
        hint={text.evidenceNoteHint}
        maxLength={2000}
        rows={2}
        {...field('note')}
      />
      <SubmitActions label={text.evidenceSave} running={running} />
    </form>
  );
}
