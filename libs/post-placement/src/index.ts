import { PlacementReturn } from './return/placement-return.entity.js';
import { Referral, ReintegrationRefusal } from './referral/referral.entity.js';
import { Repatriation } from './repatriation/repatriation.entity.js';

export { PlacementClosureService } from './closure/placement-closure.service.js';
export * from './post-placement.enums.js';
export { PostPlacementGraphqlModule, PostPlacementModule } from './post-placement.module.js';
export { PlacementReturn } from './return/placement-return.entity.js';
export { PlacementReturnService, type ReturnDetails } from './return/placement-return.service.js';
export { Referral, ReintegrationRefusal } from './referral/referral.entity.js';
export {
  ReferralService,
  type ReferralRequest,
  type ReferralUpdate,
  type RefusalReport,
} from './referral/referral.service.js';
export { Repatriation } from './repatriation/repatriation.entity.js';
export {
  RepatriationService,
  type RepatriationRequest,
  type RepatriationUpdate,
} from './repatriation/repatriation.service.js';

export const postPlacementEntities = [Repatriation, PlacementReturn, Referral, ReintegrationRefusal];
