import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, LocalDate } from '#lintas/core';
import {
  EmployerType,
  PlacementScheme,
  PlacementStage,
  RequirementKind,
  RequirementStatus,
  RiskLevel,
  RuleDecision,
  Sector,
  VisaType,
} from './placement.enums.js';

registerEnumType(Sector, { name: 'Sector' });
registerEnumType(EmployerType, { name: 'EmployerType' });
registerEnumType(VisaType, { name: 'VisaType' });
registerEnumType(PlacementStage, { name: 'PlacementStage' });
registerEnumType(RequirementKind, { name: 'RequirementKind' });
registerEnumType(RequirementStatus, { name: 'RequirementStatus' });
registerEnumType(RuleDecision, { name: 'RuleDecision' });
registerEnumType(PlacementScheme, { name: 'PlacementScheme' });
registerEnumType(RiskLevel, { name: 'RiskLevel' });

@ObjectType('Requirement', { description: 'One procedural check of a placement (UU 18/2017)' })
export class RequirementModel {
  @Field(() => ID)
  id!: string;

  @Field(() => RequirementKind)
  kind!: RequirementKind;

  @Field(() => RequirementStatus, { description: 'As Lintas decides it now, from what was recorded' })
  status!: RequirementStatus;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field({ description: 'LINTAS (checked from data) or OFFICER (verified from evidence)' })
  evaluatedBy!: string;

  @Field(() => RequirementStatus, { nullable: true, description: 'What the officer recorded' })
  recordedStatus!: RequirementStatus | null;

  @Field(() => String, { nullable: true })
  documentNumber!: string | null;

  @Field(() => String, { nullable: true })
  issuer!: string | null;

  @Field(() => LocalDate, { nullable: true })
  issuedOn!: string | null;

  @Field(() => LocalDate, { nullable: true })
  expiresOn!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Date, { nullable: true })
  recordedAt!: Date | null;

  @Field()
  updatedAt!: Date;
}

@ObjectType('PlacementEvent', { description: 'One entry of a placement timeline' })
export class PlacementEventModel {
  @Field()
  type!: string;

  @Field(() => PlacementStage, { nullable: true })
  stageFrom!: PlacementStage | null;

  @Field(() => PlacementStage)
  stageTo!: PlacementStage;

  @Field({ description: '"user" or "api-key"' })
  actorType!: string;

  @Field(() => String, { nullable: true })
  actorId!: string | null;

  @Field()
  occurredAt!: Date;
}

@ObjectType('Placement', { description: 'One placement cycle of one worker, from registration to closure' })
export class PlacementModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  workerId!: string;

  @Field({ description: 'ISO 3166-1 alpha-2' })
  destination!: string;

  @Field(() => String, { nullable: true })
  destinationCity!: string | null;

  @Field(() => Sector)
  sector!: Sector;

  @Field(() => EmployerType)
  employerType!: EmployerType;

  @Field(() => String, { nullable: true })
  employerName!: string | null;

  @Field()
  jobTitle!: string;

  @Field(() => ID, { nullable: true })
  recruiterId!: string | null;

  @Field(() => PlacementScheme, { nullable: true })
  scheme!: PlacementScheme | null;

  @Field(() => VisaType, { nullable: true })
  visaType!: VisaType | null;

  @Field(() => LocalDate, { nullable: true })
  contractStart!: string | null;

  @Field(() => LocalDate, { nullable: true })
  contractEnd!: string | null;

  @Field(() => Date, { nullable: true })
  plannedDepartureAt!: Date | null;

  @Field(() => Date, { nullable: true })
  departedAt!: Date | null;

  @Field(() => String, { nullable: true })
  departurePort!: string | null;

  @Field(() => PlacementStage)
  stage!: PlacementStage;

  @Field({ description: 'Whether the placement follows the procedure (UU 18/2017) as far as Lintas knows' })
  procedural!: boolean;

  @Field(() => [String])
  proceduralReasons!: string[];

  @Field({ description: 'Which rule engine and rule set made the last decision' })
  ruleSetVersion!: string;

  @Field({ description: 'The worker was a suspected trafficking victim in an earlier placement' })
  reTraffickingRisk!: boolean;

  @Field(() => String, { nullable: true })
  cancellationReason!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Int, { description: 'Send it back with every change: a stale version answers CONFLICT' })
  version!: number;
}

export const PlacementConnection = Connection(PlacementModel, 'Placement');

@ObjectType('EmployerTypeDecision')
export class EmployerTypeDecisionModel {
  @Field(() => EmployerType)
  employerType!: EmployerType;

  @Field(() => RuleDecision)
  decision!: RuleDecision;

  @Field(() => String, { nullable: true })
  ruleId!: string | null;

  @Field(() => String, { nullable: true })
  source!: string | null;
}

@ObjectType('PlacementRuleDecision', {
  description: 'Whether a destination is open for a sector today, and what a placement there must satisfy',
})
export class PlacementRuleDecisionModel {
  @Field()
  destination!: string;

  @Field(() => Sector)
  sector!: Sector;

  @Field(() => [EmployerTypeDecisionModel])
  byEmployerType!: EmployerTypeDecisionModel[];

  @Field(() => [RequirementKind])
  requirements!: RequirementKind[];

  @Field()
  ruleSetVersion!: string;
}
