import { Args, Query, Resolver } from '@nestjs/graphql';
import type { ConnectionShape } from '#lintas/core';
import { Allow, CurrentPrincipal } from '../auth/access.guard.js';
import type { Principal } from '../auth/principal.js';
import { Role } from '../roles.js';
import { AuditEventConnection, AuditTrailArgs, type AuditEventModel } from './audit-trail.model.js';
import { AuditTrailService } from './audit-trail.service.js';

@Resolver()
export class AuditTrailResolver {
  constructor(private readonly trails: AuditTrailService) {}

  /** Oversight, not casework: auditors and administrators only. */
  @Allow(Role.AUDITOR, Role.ADMIN)
  @Query(() => AuditEventConnection, {
    description:
      'What was changed on an entity, by whom and when, oldest first (the chain order). NOT_FOUND when ' +
      'nothing was recorded for the id or the entity lies outside your jurisdiction',
  })
  auditTrail(
    @CurrentPrincipal() principal: Principal,
    @Args() { entityId, first, after }: AuditTrailArgs,
  ): Promise<ConnectionShape<AuditEventModel>> {
    return this.trails.page(principal, entityId, first, after);
  }
}
