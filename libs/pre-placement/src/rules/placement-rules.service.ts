import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, InvalidInputError } from '#lintas/core';
import type { DataSource } from 'typeorm';
import { indonesianDate } from '../placement/placement-facts.js';
import {
  EmployerType,
  type RequirementKind,
  type RuleDecision,
  type Sector,
} from '../placement/placement.enums.js';
import { findPlacementRules } from './placement-rule.queries.js';
import { applicableRequirements, decideDestination, ruleSetVersion } from './procedural-rule-engine.js';

export interface PlacementRulesAnswer {
  destination: string;
  sector: Sector;
  byEmployerType: {
    employerType: EmployerType;
    decision: RuleDecision;
    ruleId: string | null;
    source: string | null;
  }[];
  requirements: RequirementKind[];
  ruleSetVersion: string;
}

/** Answers, before anything is registered, whether a destination is open today and what applies. */
@Injectable()
export class PlacementRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async decide(destination: string, sector: Sector): Promise<PlacementRulesAnswer> {
    const [country] = await this.dataSource.query<unknown[]>('SELECT 1 FROM country WHERE code = $1', [
      destination,
    ]);
    if (!country) throw InvalidInputError.of('destination', 'is not an ISO 3166-1 country code');
    const rules = await findPlacementRules(this.dataSource.manager, destination, sector);
    const today = indonesianDate(this.clock.now());
    return {
      destination,
      sector,
      byEmployerType: Object.values(EmployerType).map((employerType) => {
        const { decision, rule } = decideDestination(rules, destination, sector, employerType, today);
        return { employerType, decision, ruleId: rule?.id ?? null, source: rule?.source ?? null };
      }),
      requirements: applicableRequirements(destination, sector),
      ruleSetVersion: ruleSetVersion(rules),
    };
  }
}
