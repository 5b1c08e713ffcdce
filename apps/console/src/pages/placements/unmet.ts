import type { UnmetCondition } from '../../api/api-error';
import type { Locale } from '../../i18n/locale';
import { label } from '../../labels/names';
import { REQUIREMENT_KINDS } from './labels';

/** One unmet condition as the refused clearance shows it: what is missing, and why. */
export interface UnmetLine {
  kind: string;
  label: string;
  reason: string | null;
}

const HARD_STOP: Record<Locale, string> = {
  id: 'Larangan penempatan',
  en: 'Placement ban',
};

/**
 * The conditions a refused clearance listed (`extensions.unmet`), named for the officer: a
 * requirement by its checklist name, a ban (`HARD_STOP`) as such; each listed once, in the API's order.
 */
export function unmetLines(unmet: readonly UnmetCondition[], locale: Locale): UnmetLine[] {
  const seen = new Set<string>();
  const lines: UnmetLine[] = [];
  for (const condition of unmet) {
    const key = `${condition.kind}\u0000${condition.reason ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push({
      kind: condition.kind,
      label:
        condition.kind === 'HARD_STOP' ? HARD_STOP[locale] : label(REQUIREMENT_KINDS, condition.kind, locale),
      reason: condition.reason?.trim() || null,
    });
  }
  return lines;
}
