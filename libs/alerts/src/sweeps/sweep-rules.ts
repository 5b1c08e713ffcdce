import { contractEndedSweep } from './contract-ended.sweep.js';
import { contractEndingSweep } from './contract-ending.sweep.js';
import { documentExpiringSweep } from './document-expiring.sweep.js';
import { missedCheckInSweep } from './missed-check-in.sweep.js';
import { reintegrationOverdueSweep } from './reintegration-overdue.sweep.js';
import type { SweepRule } from './sweep-rule.js';

/** Every time rule, by the name its job carries. */
export const SWEEP_RULES: readonly SweepRule[] = [
  missedCheckInSweep,
  contractEndedSweep,
  contractEndingSweep,
  documentExpiringSweep,
  reintegrationOverdueSweep,
];

export const SWEEP_RULE_NAMES: readonly string[] = SWEEP_RULES.map((rule) => rule.name);

export function sweepRuleNamed(name: string): SweepRule | undefined {
  return SWEEP_RULES.find((rule) => rule.name === name);
}
