import { PartnerStatusReport, WelfareContact } from './welfare/welfare-contact.entity.js';

export { DEFAULT_CHECK_IN_POLICY, checkInPolicyFrom, schedule } from './check-in/check-in-policy.js';
export type {
  CheckInPolicy,
  RiskAssessment,
  Schedule,
  ScheduleFacts,
} from './check-in/check-in-policy.types.js';
export { PlacementAbroadGraphqlModule, PlacementAbroadModule } from './placement-abroad.module.js';
export * from './placement-abroad.enums.js';
export { PlacementAbroadService, REPORTED_ABROAD_RULE_SET } from './placement-abroad.service.js';
export { PartnerStatusReport, WelfareContact } from './welfare/welfare-contact.entity.js';

export const placementAbroadEntities = [WelfareContact, PartnerStatusReport];
