import { Module } from '@nestjs/common';
import { RegistryModule } from '#lintas/registry';
import { RecruiterModule } from '../recruiter/recruiter.module.js';
import { PlacementRulesService } from '../rules/placement-rules.service.js';
import { PlacementEventFieldsResolver, PlacementFieldsResolver } from './placement-fields.resolver.js';
import { PlacementResolver } from './placement.resolver.js';
import { PlacementService } from './placement.service.js';
import { PlacementStore } from './placement.store.js';
import { WorkerPlacementsResolver } from './worker-placements.resolver.js';

/** Placements before departure: registration, the checklist, clearance, departure, cancellation. */
@Module({
  imports: [RegistryModule, RecruiterModule],
  providers: [PlacementService, PlacementRulesService, PlacementStore],
  exports: [PlacementService, PlacementRulesService, PlacementStore],
})
export class PlacementModule {}

/** The GraphQL operations of placements; only the API imports this. */
@Module({
  imports: [PlacementModule, RegistryModule, RecruiterModule],
  providers: [
    PlacementResolver,
    PlacementFieldsResolver,
    PlacementEventFieldsResolver,
    WorkerPlacementsResolver,
  ],
})
export class PlacementGraphqlModule {}
