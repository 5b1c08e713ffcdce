import type { ReactNode } from 'react';
import { useQuery, useSession } from '../../api/client';
import { useDates } from '../../format/dates';
import { graphql } from '../../gql';
import type { PlacementPagePlacementQuery } from '../../gql/graphql';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { Link } from '../../router';
import { ErrorNotice } from '../../ui/error-notice';
import { common } from '../../ui/messages';
import { Checklist } from './checklist';
import { countryName } from '../../labels/countries';
import { badgeClass, label } from '../../labels/names';
import { STAGES, stageTone } from '../../labels/stages';
import {
  EMPLOYER_TYPES,
  PARTNER_STATUSES,
  RECRUITER_STATUSES,
  RISK_LEVELS,
  riskTone,
  SCHEMES,
  SECTORS,
  VISA_TYPES,
} from './labels';
import { placementDetail, placementWords } from './messages';
import { PlacementActions } from './placement-actions';
import { PlacementTimeline } from './placement-timeline';
import './placements.css';

const PLACEMENT = graphql(`
  query PlacementPagePlacement($id: ID!) {
    placement(id: $id) {
      id
      version
      stage
      procedural
      proceduralReasons
      riskLevel
      riskReasons
      reTraffickingRisk
      destination
      destinationCity
      sector
      employerType
      employerName
      jobTitle
      scheme
      visaType
      contractStart
      contractEnd
      plannedDepartureAt
      departedAt
      departurePort
      arrivedAt
      cancellationReason
      nextCheckInDueAt
      partnerStatus
      createdAt
      worker {
        id
        fullName
      }
      recruiter {
        id
        name
        licenceNumber
        status
      }
      requirements {
        id
        kind
        status
        recordedStatus
        reason
        evaluatedBy
        documentNumber
        issuer
        issuedOn
        expiresOn
        note
        recordedAt
      }
      timeline {
        type
        stageFrom
        stageTo
        actorType
        actorId
        occurredAt
      }
    }
  }
`);

export type PlacementDetail = NonNullable<PlacementPagePlacementQuery['placement']>;

/** One placement: who, where, at which stage; its checklist, what the officer can do next, and its history. */
export default function PlacementPage({ params }: { params: Record<string, string> }): ReactNode {
  const text = useMessages(placementDetail);
  const shared = useMessages(common);
  const id = params['id'] ?? '';
  const { data, error, loading, reload } = useQuery(PLACEMENT, { id });
  const roles = useSession()?.principal.roles ?? [];
  const placement = data?.placement;

  return (
    <>
      <p>
        <Link to="/penempatan">{text.back}</Link>
      </p>
      <ErrorNotice error={error} onRetry={reload} />
      {loading && <p role="status">{shared.loading}</p>}
      {data && !placement && <p className="notice notice-warning">{text.notFound}</p>}
      {placement && (
        <>
          <Summary placement={placement} />
          <PlacementActions placement={placement} roles={roles} onChanged={reload} />
          <Checklist placement={placement} roles={roles} onChanged={reload} />
          <PlacementTimeline timeline={placement.timeline} />
        </>
      )}
    </>
  );
}

function Summary({ placement }: { placement: PlacementDetail }): ReactNode {
  const text = useMessages(placementDetail);
  const words = useMessages(placementWords);
  const locale = useLocale();
  const dates = useDates();
  const destination = countryName(placement.destination, locale);
  const none = words.none;
  const contract =
    placement.contractStart || placement.contractEnd
      ? fill(text.contractRange, {
          start: placement.contractStart ? dates.date(placement.contractStart) : none,
          end: placement.contractEnd ? dates.date(placement.contractEnd) : none,
        })
      : none;

  return (
    <section className="card" aria-labelledby="placement-title">
      <h1 id="placement-title">
        {fill(text.title, { worker: placement.worker?.fullName ?? words.unnamed, destination })}
      </h1>
      <div className="placements-heading-badges">
        <span className={badgeClass(stageTone(placement.stage))}>
          {words.stage}: {label(STAGES, placement.stage, locale)}
        </span>
        <span className={placement.procedural ? 'badge badge-ok' : 'badge badge-danger'}>
          {placement.procedural ? words.proceduralYes : words.proceduralNo}
        </span>
        {placement.riskLevel && (
          <span className={badgeClass(riskTone(placement.riskLevel))}>
            {words.risk}: {label(RISK_LEVELS, placement.riskLevel, locale)}
          </span>
        )}
        <span className="muted">
          {text.version}: {placement.version}
        </span>
      </div>
      {placement.reTraffickingRisk && <p className="notice notice-warning">{text.reTraffickingRisk}</p>}
      {!placement.procedural && placement.proceduralReasons.length > 0 && (
        <div className="notice notice-error">
          <p>
            <strong>{text.proceduralReasons}</strong>
          </p>
          <ul>
            {placement.proceduralReasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      <dl className="placements-summary" aria-label={text.summary}>
        <div>
          <dt>{words.worker}</dt>
          <dd>{placement.worker?.fullName ?? words.unnamed}</dd>
        </div>
        <div>
          <dt>{words.destination}</dt>
          <dd>{placement.destinationCity ? `${placement.destinationCity}, ${destination}` : destination}</dd>
        </div>
        <div>
          <dt>{text.sector}</dt>
          <dd>{label(SECTORS, placement.sector, locale)}</dd>
        </div>
        <div>
          <dt>{text.jobTitle}</dt>
          <dd>{placement.jobTitle}</dd>
        </div>
        <div>
          <dt>{text.employer}</dt>
          <dd>
            {label(EMPLOYER_TYPES, placement.employerType, locale)}
            {placement.employerName && `: ${placement.employerName}`}
          </dd>
        </div>
        <div>
          <dt>{text.recruiter}</dt>
          <dd>
            {placement.recruiter
              ? `${placement.recruiter.name} (${placement.recruiter.licenceNumber}, ${label(RECRUITER_STATUSES, placement.recruiter.status, locale)})`
              : none}
          </dd>
        </div>
        {placement.scheme && (
          <div>
            <dt>{text.scheme}</dt>
            <dd>{label(SCHEMES, placement.scheme, locale)}</dd>
          </div>
        )}
        <div>
          <dt>{text.visaType}</dt>
          <dd>{placement.visaType ? label(VISA_TYPES, placement.visaType, locale) : none}</dd>
        </div>
        <div>
          <dt>{text.contract}</dt>
          <dd>{contract}</dd>
        </div>
        <div>
          <dt>{text.plannedDeparture}</dt>
          <dd>{placement.plannedDepartureAt ? dates.dateTime(placement.plannedDepartureAt) : none}</dd>
        </div>
        {placement.departedAt && (
          <div>
            <dt>{text.departed}</dt>
            <dd>
              {placement.departurePort
                ? fill(text.departedFrom, {
                    time: dates.dateTime(placement.departedAt),
                    port: placement.departurePort,
                  })
                : dates.dateTime(placement.departedAt)}
            </dd>
          </div>
        )}
        {placement.arrivedAt && (
          <div>
            <dt>{text.arrived}</dt>
            <dd>{dates.dateTime(placement.arrivedAt)}</dd>
          </div>
        )}
        {placement.partnerStatus && (
          <div>
            <dt>{text.partnerStatus}</dt>
            <dd>{label(PARTNER_STATUSES, placement.partnerStatus, locale)}</dd>
          </div>
        )}
        {placement.nextCheckInDueAt && (
          <div>
            <dt>{words.nextCheckIn}</dt>
            <dd>{dates.dateTime(placement.nextCheckInDueAt)}</dd>
          </div>
        )}
        {placement.cancellationReason && (
          <div>
            <dt>{text.cancellationReason}</dt>
            <dd>{placement.cancellationReason}</dd>
          </div>
        )}
        <div>
          <dt>{words.created}</dt>
          <dd>{dates.dateTime(placement.createdAt)}</dd>
        </div>
      </dl>
      {placement.riskReasons.length > 0 && (
        <>
          <h2>{text.riskReasons}</h2>
          <ul>
            {placement.riskReasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
