import { Placement, PlacementEvent, Requirement } from './placement/placement.entity.js';
import { Recruiter, RecruitmentPermit } from './recruiter/recruiter.entity.js';
import { PlacementRuleRow } from './rules/placement-rule.entity.js';

export * from './placement/placement.enums.js';
export { Placement, PlacementEvent, Requirement } from './placement/placement.entity.js';
export { PlacementGraphqlModule, PlacementModule } from './placement/placement.module.js';
export { PlacementService } from './placement/placement.service.js';
export { PlacementStore, type ChangeScope } from './placement/placement.store.js';
export { nextStage, type PlacementTransition } from './placement/placement-stage.js';
export { PlacementModel } from './placement/placement.model.js';
export { SEALED_REQUIREMENT_COLUMNS, sealDocumentNumber } from './placement/requirement-document.js';
export { PlacementIdArgs, PlacementVersionArgs } from './placement/placement.inputs.js';
export { indonesianDate } from './placement/placement-facts.js';
export { loadRecruiterFacts } from './recruiter/recruiter.facts.js';
export { Recruiter, RecruitmentPermit } from './recruiter/recruiter.entity.js';
export { RecruiterGraphqlModule, RecruiterModule } from './recruiter/recruiter.module.js';
export type { RecruiterView, RecruitmentPermitView } from './recruiter/recruiter.queries.js';
export {
  RecruiterService,
  type RecruiterDetails,
  type RecruitmentPermitDetails,
} from './recruiter/recruiter.service.js';
export { evaluatePlacement, RULE_ENGINE_VERSION } from './rules/procedural-rule-engine.js';
export type * from './rules/rule-engine.types.js';

export const prePlacementEntities = [
  Recruiter,
  RecruitmentPermit,
  PlacementRuleRow,
  Placement,
  Requirement,
  PlacementEvent,
];
