import type { ReactNode } from 'react';
import { useDates } from '../../format/dates';
import { fill, useLocale, useMessages } from '../../i18n/locale';
import { label } from '../../labels/names';
import { STAGES } from '../../labels/stages';
import { eventLabel } from './labels';
import { placementDetail } from './messages';
import type { PlacementDetail } from './placement-page';

/** Every transition and requirement decision, oldest first, each with who and when. */
export function PlacementTimeline({ timeline }: { timeline: PlacementDetail['timeline'] }): ReactNode {
  const text = useMessages(placementDetail);
  const locale = useLocale();
  const dates = useDates();
  /** Who, by name where the API knows it: an officer, the agency whose system sent it, or Lintas. */
  const actor = ({ actorType, actorName }: PlacementDetail['timeline'][number]): string => {
    if (actorType === 'user') return actorName ?? text.actorUser;
    if (actorType === 'api-key')
      return actorName ? fill(text.actorApiKeyOf, { agency: actorName }) : text.actorApiKey;
    return actorType === 'system' ? text.actorSystem : actorType;
  };

  return (
    <section aria-labelledby="placement-timeline">
      <h2 id="placement-timeline">{text.timeline}</h2>
      {timeline.length === 0 ? (
        <p>{text.timelineEmpty}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{text.when}</th>
                <th scope="col">{text.event}</th>
                <th scope="col">{text.stageChange}</th>
                <th scope="col">{text.actor}</th>
              </tr>
            </thead>
            <tbody>
              {timeline.map((event, index) => (
                <tr key={`${event.occurredAt}:${index}`}>
                  <td className="placements-nowrap">{dates.dateTime(event.occurredAt)}</td>
                  <td>{eventLabel(event.type, locale)}</td>
                  <td>
                    {event.stageFrom && event.stageFrom !== event.stageTo
                      ? `${label(STAGES, event.stageFrom, locale)} → ${label(STAGES, event.stageTo, locale)}`
                      : label(STAGES, event.stageTo, locale)}
                  </td>
                  <td>{actor(event)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
