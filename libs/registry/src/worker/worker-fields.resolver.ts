import { ResolveField, Resolver } from '@nestjs/graphql';
import { AgencyKind, type AccessContext } from '#lintas/access';
import { maskNik } from './worker-pii.js';
import { WorkerModel } from './worker.model.js';
import type { WorkerView } from './worker.queries.js';

/** Embassies and partners abroad identify a worker by name and placement: they see a NIK's last 4 digits only. */
const MASKED_FOR = new Set<AgencyKind>([AgencyKind.EMBASSY, AgencyKind.PARTNER]);

@Resolver(() => WorkerModel)
export class WorkerFieldsResolver {
  // GraphQL's own arguments, not @Parent/@CurrentPrincipal: Nest then calls it directly, once per
  // worker of a page, instead of through its context creator and pipes.
  @ResolveField(() => String, {
    nullable: true,
    description: 'Masked but for the last 4 digits for embassies and partners; null when not known',
  })
  nik(worker: WorkerView, _args: unknown, { principal }: AccessContext): string | null {
    if (worker.nik === null) return null;
    return principal && !MASKED_FOR.has(principal.agency.kind) ? worker.nik : maskNik(worker.nik);
  }
}
