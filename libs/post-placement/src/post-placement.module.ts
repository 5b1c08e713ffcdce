import { Module } from '@nestjs/common';
import { AlertsModule } from '#lintas/alerts';
import { PlacementModule } from '#lintas/pre-placement';
import { ChangeRecorder } from './change-recorder.js';
import { PlacementClosureService } from './closure/placement-closure.service.js';
import {
  PlacementHomeFieldsResolver,
  ReferralFieldsResolver,
  RepatriationFieldsResolver,
} from './post-placement-fields.resolver.js';
import { PostPlacementRelations } from './post-placement.relations.js';
import { PostPlacementResolver } from './post-placement.resolver.js';
import { ReferralService } from './referral/referral.service.js';
import { RepatriationService } from './repatriation/repatriation.service.js';
import { PlacementReturnService } from './return/placement-return.service.js';

const SERVICES = [RepatriationService, PlacementReturnService, ReferralService, PlacementClosureService];

/** Purna penempatan: repatriation, the return home, reintegration referrals and refusals, closure. */
@Module({
  imports: [PlacementModule, AlertsModule],
  providers: [ChangeRecorder, ...SERVICES],
  exports: SERVICES,
})
export class PostPlacementModule {}

/** The GraphQL operations of purna penempatan; only the API imports this. */
@Module({
  imports: [PostPlacementModule],
  providers: [
    PostPlacementRelations,
    PostPlacementResolver,
    PlacementHomeFieldsResolver,
    RepatriationFieldsResolver,
    ReferralFieldsResolver,
  ],
})
export class PostPlacementGraphqlModule {}
