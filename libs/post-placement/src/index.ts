import { PlacementReturn } from './return/placement-return.entity.js';
import { Referral, ReintegrationRefusal } from './referral/referral.entity.js';
import { Repatriation } from './repatriation/repatriation.entity.js';

export * from './post-placement.enums.js';
export { PlacementReturn } from './return/placement-return.entity.js';
export { Referral, ReintegrationRefusal } from './referral/referral.entity.js';
export { Repatriation } from './repatriation/repatriation.entity.js';

export const postPlacementEntities = [Repatriation, PlacementReturn, Referral, ReintegrationRefusal];
