import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation } from '../../api/client';
import { useDates } from '../../format/dates';
import { graphql } from '../../gql';
import type { RequirementInput, RequirementKind, RequirementStatus, Role } from '../../gql/graphql';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { ErrorNotice } from '../../ui/error-notice';
import { SelectField, TextAreaField, TextField } from '../../ui/field';
import { common } from '../../ui/messages';
import { evidenceProblems, recordableKinds, recordableStatuses, type EvidenceDraft } from './evidence';
import { badgeClass, label } from '../../labels/names';
import { maskDocumentNumber, REQUIREMENT_KINDS, REQUIREMENT_STATUSES, requirementTone } from './labels';
import { placementDetail, placementWords } from './messages';
import type { PlacementDetail } from './placement-page';

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
export function Checklist({
  placement,
  roles,
  onChanged,
}: {
  placement: PlacementDetail;
  roles: readonly Role[];
  onChanged: () => void;
}): ReactNode {
  const text = useMessages(placementDetail);
  const words = useMessages(placementWords);
  const locale = useLocale();
  const dates = useDates();
  const officer = roles.includes('OFFICER') || roles.includes('ADMIN');

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
                  <ul className="placements-evidence">
                    <li className="muted">
                      {requirement.evaluatedBy === 'LINTAS'
                        ? text.evaluatedByLintas
                        : text.evaluatedByOfficer}
                    </li>
                    {requirement.recordedStatus && requirement.recordedStatus !== requirement.status && (
                      <li>
                        {fill(text.recordedStatus, {
                          status: label(REQUIREMENT_STATUSES, requirement.recordedStatus, locale),
                        })}
                      </li>
                    )}
                    {requirement.documentNumber && (
                      <li>
                        {text.documentNumber}: {maskDocumentNumber(requirement.documentNumber)}
                      </li>
                    )}
                    {requirement.issuer && (
                      <li>
                        {text.issuer}: {requirement.issuer}
                      </li>
                    )}
                    {requirement.issuedOn && (
                      <li>
                        {text.issuedOn}: {dates.date(requirement.issuedOn)}
                      </li>
                    )}
                    {requirement.expiresOn && (
                      <li>
                        {text.expiresOn}: {dates.date(requirement.expiresOn)}
                      </li>
                    )}
                    {requirement.note && (
                      <li>
                        {text.note}: {requirement.note}
                      </li>
                    )}
                    {requirement.recordedAt && (
                      <li>
                        {text.recordedAt}: {dates.dateTime(requirement.recordedAt)}
                      </li>
                    )}
                  </ul>
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
  const [record, { running, error }, reset] = useMutation(RECORD_REQUIREMENT);
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
  const message = (field: keyof EvidenceDraft, path: string): string | undefined => {
    const problem = problems[field];
    if (problem === 'required') return words.required;
    if (problem === 'expiresBeforeIssue') return text.evidenceExpiresBeforeIssue;
    const refusal = edited.has(field) ? undefined : error?.fieldMessage(`input.${path}`);
    const known = refusal ? SERVER_REFUSALS[path] : undefined;
    return known ? text[known] : refusal;
  };

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
      <ErrorNotice
        error={error}
        onRetry={() => {
          reset();
          onChanged();
        }}
      />
      {saved && (
        <p className="notice notice-ok" role="status">
          {saved}
        </p>
      )}
      <div className="form-grid">
        <SelectField
          label={text.evidenceRequirement}
          required
          value={draft.kind}
          onChange={(event) => {
            const kind = event.target.value as RequirementKind | '';
            const allowed = recordableStatuses(kind, admin);
            set('kind')(kind);
            if (draft.status && !allowed.includes(draft.status)) set('status')('');
          }}
          error={message('kind', 'kind')}
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
        <SelectField
          label={text.evidenceStatus}
          required
          value={draft.status}
          onChange={(event) => set('status')(event.target.value as RequirementStatus | '')}
          error={message('status', 'status')}
        >
          <option value="">{text.evidenceStatusChoose}</option>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {label(REQUIREMENT_STATUSES, status, locale)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={text.evidenceDocumentNumber}
          hint={text.evidenceDocumentNumberHint}
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          value={draft.documentNumber}
          onChange={(event) => set('documentNumber')(event.target.value)}
          error={message('documentNumber', 'documentNumber')}
        />
        <TextField
          label={`${text.evidenceIssuer} ${shared.optional}`}
          maxLength={200}
          value={draft.issuer}
          onChange={(event) => set('issuer')(event.target.value)}
          error={message('issuer', 'issuer')}
        />
        <TextField
          label={`${text.evidenceIssuedOn} ${shared.optional}`}
          type="date"
          value={draft.issuedOn}
          onChange={(event) => set('issuedOn')(event.target.value)}
          error={message('issuedOn', 'issuedOn')}
        />
        <TextField
          label={`${text.evidenceExpiresOn} ${shared.optional}`}
          type="date"
          min={draft.issuedOn || undefined}
          value={draft.expiresOn}
          onChange={(event) => set('expiresOn')(event.target.value)}
          error={message('expiresOn', 'expiresOn')}
        />
      </div>
      <TextAreaField
        label={text.evidenceNote}
        hint={text.evidenceNoteHint}
        maxLength={2000}
        rows={2}
        value={draft.note}
        onChange={(event) => set('note')(event.target.value)}
        error={message('note', 'note')}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={running}>
          {running ? shared.saving : text.evidenceSave}
        </button>
      </div>
    </form>
  );
}
