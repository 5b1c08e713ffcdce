import { PlacementReturn } from './return/placement-return.entity.js';
import { Referral, ReintegrationRefusal } from './referral/referral.entity.js';
import { Repatriation } from './repatriation/repatriation.entity.js';

export {
  HealthOnArrival,
  ReferralStatus,
  RepatriationNeed,
  RepatriationReason,
  RepatriationStatus,
  ReturnKind,
  ServiceKind,
} from './post-placement.enums.js';
export { PostPlacementGraphqlModule } from './post-placement.module.js';

export const postPlacementEntities = [Repatriation, PlacementReturn, Referral, ReintegrationRefusal];
