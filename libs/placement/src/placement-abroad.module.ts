import { Module } from '@nestjs/common';
import { PlacementModule } from '#lintas/pre-placement';
import { RegistryModule } from '#lintas/registry';
import { PlacementAbroadResolver } from './placement-abroad.resolver.js';
import { PlacementAbroadService } from './placement-abroad.service.js';

/** Masa penempatan: arrival, partner statuses, welfare contacts and the check-in schedule. */
@Module({
  imports: [PlacementModule, RegistryModule],
  providers: [PlacementAbroadService],
  exports: [PlacementAbroadService],
})
export class PlacementAbroadModule {}

/** The GraphQL operations of placements abroad; only the API imports this. */
@Module({ imports: [PlacementAbroadModule], providers: [PlacementAbroadResolver] })
export class PlacementAbroadGraphqlModule {}
