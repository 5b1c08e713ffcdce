import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { AlertKind } from '#lintas/alerts';
import { LocalDate } from '#lintas/core';
import { ServiceKind } from '#lintas/post-placement';
import type {
  AbroadNowCounts,
  AlertFigures,
  AlertKindCount,
  DepartureCounts,
  PeriodFigures,
  ReferralFigures,
  ReturnCounts,
  ServiceReferralCounts,
  StatisticsReport,
} from './statistics.figures.js';

@ObjectType('DepartureCounts', {
  description:
    'Departures in the period (departedAt); a worker reported abroad with no departure on record departed, ' +
    'non-procedurally, on the arrival the report gave (arrivedAt)',
})
export class DepartureCountsModel implements DepartureCounts {
  @Field(() => Int)
  total!: number;

  @Field(() => Int, { description: 'Departures cleared through every procedural check' })
  procedural!: number;

  @Field(() => Int, {
    description:
      'Departures without clearance, under a moratorium, with a non-work visa …, and workers reported abroad',
  })
  nonProcedural!: number;
}

@ObjectType('ReturnCounts', { description: 'Returns home recorded in the period (the return’s returnedAt)' })
export class ReturnCountsModel implements ReturnCounts {
  @Field(() => Int)
  total!: number;

  @Field(() => Int, { description: 'Came home without a repatriation' })
  ordinary!: number;

  @Field(() => Int, { description: 'Brought home by a repatriation' })
  repatriated!: number;

  @Field(() => Int, { description: 'The remains of a worker who died abroad' })
  remains!: number;
}

@ObjectType('AlertStatistics', {
  description:
    'Alerts about placements raised in the period (DELIVERY_FAILED, which is about Lintas itself, left out); ' +
    'acknowledged and resolved count those same alerts when that happened by the end of the period, so a past ' +
    'period’s figures do not change later; the medians are theirs',
})
export class AlertStatisticsModel implements AlertFigures {
  @Field(() => Int)
  raised!: number;

  @Field(() => Int, {
    description:
      'Of those raised, how many were acknowledged (or assigned) by the end of the period; one resolved ' +
      'without acknowledgement counts as acknowledged when it was resolved',
  })
  acknowledged!: number;

  @Field(() => Int, {
    description:
      'Of those raised, how many were resolved by the end of the period, by a person or by Lintas itself ' +
      '(e.g. a missed check-in resolved by the next contact)',
  })
  resolved!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Median seconds from raising to acknowledgement (or to resolution, for one never acknowledged); ' +
      'null when none is acknowledged',
  })
  medianSecondsToAcknowledge!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median seconds from raising to resolution; null when none is resolved',
  })
  medianSecondsToResolve!: number | null;

  @Field(() => [AlertKindCountsModel], {
    description: 'Those raised, by kind: every kind but DELIVERY_FAILED, zeros included',
  })
  byKind!: AlertKindCountsModel[];
}

@ObjectType('AlertKindCounts', { description: 'Alerts of one kind raised in the period' })
export class AlertKindCountsModel implements AlertKindCount {
  @Field(() => AlertKind)
  kind!: AlertKind;

  @Field(() => Int)
  raised!: number;
}

@ObjectType('ServiceReferralCounts', {
  description:
    'Referrals to one service made in the period, by their status now: the outcome is the referral’s ' +
    'status, COMPLETED or DECLINED, or it is still open (REFERRED, ACCEPTED, IN_PROGRESS)',
})
export class ServiceReferralCountsModel implements ServiceReferralCounts {
  @Field(() => ServiceKind)
  service!: ServiceKind;

  @Field(() => Int)
  total!: number;

  @Field(() => Int, { description: 'Still waiting for the service to accept' })
  referred!: number;

  @Field(() => Int)
  accepted!: number;

  @Field(() => Int)
  inProgress!: number;

  @Field(() => Int, { description: 'Outcome: the service was given' })
  completed!: number;

  @Field(() => Int, { description: 'Outcome: the service was declined or not given' })
  declined!: number;
}

@ObjectType('ReferralStatistics', {
  description:
    'Reintegration referrals made in the period (referredAt), of workers from your jurisdiction of origin: ' +
    'embassies and partners count none, the help being given at home',
})
export class ReferralStatisticsModel implements ReferralFigures {
  @Field(() => Int)
  total!: number;

  @Field(() => [ServiceReferralCountsModel], { description: 'Every service, zeros included' })
  byService!: ServiceReferralCountsModel[];
}

@ObjectType('PeriodStatistics', {
  description:
    'The figures of a period, each fact counted in the WIB calendar day it happened; ' +
    'a first or last year or month may be cut by the period',
})
export class PeriodStatisticsModel implements PeriodFigures {
  @Field({ description: '"total" for the whole period, "2024" for a year, "2024-03" for a month' })
  period!: string;

  @Field(() => Int, {
    description:
      'Placements registered by an officer before departure, in the period (cancelled ones included); ' +
      'a worker reported abroad is a departure, not a registration',
  })
  placementsRegistered!: number;

  @Field(() => DepartureCountsModel)
  departures!: DepartureCountsModel;

  @Field(() => ReturnCountsModel)
  returns!: ReturnCountsModel;

  @Field(() => Int, {
    description:
      'Placements flagged as suspected trafficking victims, counted when first identified: the earliest ' +
      'welfare contact with trafficking indicators, or the return that flagged it (registration, when neither ' +
      'is on record). Placements, not people: a worker trafficked again in a later placement counts twice',
  })
  suspectedTraffickingVictims!: number;

  @Field(() => AlertStatisticsModel)
  alerts!: AlertStatisticsModel;

  @Field(() => ReferralStatisticsModel)
  referrals!: ReferralStatisticsModel;
}

@ObjectType('PlacementsAbroadNow', {
  description:
    'Placements whose worker is abroad now (DEPARTED, PLACED, REPATRIATING or MISSING), whatever the period, ' +
    'by the risk level of their check-ins',
})
export class PlacementsAbroadNowModel implements AbroadNowCounts {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  low!: number;

  @Field(() => Int)
  medium!: number;

  @Field(() => Int)
  high!: number;

  @Field(() => Int, { description: 'No risk level derived yet' })
  unassessed!: number;
}

@ObjectType('Statistics', {
  description: 'Figures agencies report up the chain, within your jurisdiction; never a person',
})
export class StatisticsModel implements StatisticsReport {
  @Field(() => LocalDate, {
    nullable: true,
    description: 'The first day counted; null: from the first record',
  })
  from!: string | null;

  @Field(() => LocalDate, { description: 'The last day counted, inclusive' })
  to!: string;

  @Field(() => PeriodStatisticsModel)
  total!: PeriodStatisticsModel;

  @Field(() => [PeriodStatisticsModel], { description: 'Every year of the period, in order, zeros included' })
  byYear!: PeriodStatisticsModel[];

  @Field(() => [PeriodStatisticsModel], {
    description: 'Every month of the period, in order, zeros included',
  })
  byMonth!: PeriodStatisticsModel[];

  @Field(() => PlacementsAbroadNowModel)
  abroadNow!: PlacementsAbroadNowModel;
}
