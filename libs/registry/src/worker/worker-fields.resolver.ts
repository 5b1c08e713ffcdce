import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AgencyKind, CurrentPrincipal, type Principal } from '#lintas/access';
import { maskNik } from './worker-pii.js';
import { WorkerModel } from './worker.model.js';
import type { WorkerView } from './worker.queries.js';

/** Embassies and partners abroad identify a worker by name and placement: they see a NIK's last 4 digits only. */
const MASKED_FOR = new Set<AgencyKind>([AgencyKind.EMBASSY, AgencyKind.PARTNER]);

@Resolver(() => WorkerModel)
export class WorkerFieldsResolver {
  @ResolveField(() => String, {
    nullable: true,
    description: 'Masked but for the last 4 digits for embassies and partners; null when not known',
  })
  nik(@Parent() worker: WorkerView, @CurrentPrincipal() principal: Principal | undefined): string | null {
    if (worker.nik === null) return null;
    return principal && !MASKED_FOR.has(principal.agency.kind) ? worker.nik : maskNik(worker.nik);
  }
}
