import type { ReactNode } from 'react';
import { useQuery, useSession } from '../../api/client';
import { useDates } from '../../format/dates';
import { graphql } from '../../gql';
import type { PlacementPagePlacementQuery, Role } from '../../gql/graphql';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { Link } from '../../router';
import { Fact } from '../../ui/fact';
import { QueryStatus } from '../../ui/query-status';
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
        actorName
        occurredAt
      }
    }
  }
`);

export type PlacementDetail = NonNullable<PlacementPagePlacementQuery['placement']>;

/** What each part of the page that can change the placement is given. */
export interface PlacementSectionProps {
  placement: PlacementDetail;
  roles: readonly Role[];
  /** After a change: the placement read again. */
  onChanged: () => void;
}

/** One placement: who, where, at which stage; its checklist, what the officer can do next, and its history. */
export default function PlacementPage({ params }: { params: Record<string, string> }): ReactNode {
  const text = useMessages(placementDetail);
  const id = params['id'] ?? '';
  const { data, error, loading, reload } = useQuery(PLACEMENT, { id });
  const roles = useSession()?.principal.roles ?? [];
  const placement = data?.placement;

  return (
    <>
      <p>
        <Link to="/penempatan">{text.back}</Link>
      </p>
      <QueryStatus error={error} loading={loading} onRetry={reload} />
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
        <Fact term={words.worker}>{placement.worker?.fullName ?? words.unnamed}</Fact>
        <Fact term={words.destination}>
          {placement.destinationCity ? `${placement.destinationCity}, ${destination}` : destination}
        </Fact>
        <Fact term={text.sector}>{label(SECTORS, placement.sector, locale)}</Fact>
        <Fact term={text.jobTitle}>{placement.jobTitle}</Fact>
        <Fact term={text.employer}>
          {label(EMPLOYER_TYPES, placement.employerType, locale)}
          {placement.employerName && `: ${placement.employerName}`}
        </Fact>
        <Fact term={text.recruiter}>
          {placement.recruiter
            ? `${placement.recruiter.name} (${placement.recruiter.licenceNumber}, ${label(RECRUITER_STATUSES, placement.recruiter.status, locale)})`
            : none}
        </Fact>
        {placement.scheme && <Fact term={text.scheme}>{label(SCHEMES, placement.scheme, locale)}</Fact>}
        <Fact term={text.visaType}>
          {placement.visaType ? label(VISA_TYPES, placement.visaType, locale) : none}
        </Fact>
        <Fact term={text.contract}>{contract}</Fact>
        <Fact term={text.plannedDeparture}>
          {placement.plannedDepartureAt ? dates.dateTime(placement.plannedDepartureAt) : none}
        </Fact>
        {placement.departedAt && (
          <Fact term={text.departed}>
            {placement.departurePort
              ? fill(text.departedFrom, {
                  time: dates.dateTime(placement.departedAt),
                  port: placement.departurePort,
                })
              : dates.dateTime(placement.departedAt)}
          </Fact>
        )}
        {placement.arrivedAt && <Fact term={text.arrived}>{dates.dateTime(placement.arrivedAt)}</Fact>}
        {placement.partnerStatus && (
          <Fact term={text.partnerStatus}>{label(PARTNER_STATUSES, placement.partnerStatus, locale)}</Fact>
        )}
        {placement.nextCheckInDueAt && (
          <Fact term={words.nextCheckIn}>{dates.dateTime(placement.nextCheckInDueAt)}</Fact>
        )}
        {placement.cancellationReason && (
          <Fact term={text.cancellationReason}>{placement.cancellationReason}</Fact>
        )}
        <Fact term={words.created}>{dates.dateTime(placement.createdAt)}</Fact>
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
