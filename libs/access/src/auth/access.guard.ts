import {
  Injectable,
  SetMetadata,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ForbiddenError, UnauthenticatedError } from '#lintas/core';
import type { Role } from '../roles.js';
import { Authenticator, type Credentials } from './authenticator.js';
import type { Principal } from './principal.js';

/** What the API puts in each GraphQL request's context for access control. */
export interface AccessContext {
  credentials: Credentials;
  /** Authentication runs once per request, however many root fields the operation has. */
  authentication?: Promise<Principal | undefined>;
  principal?: Principal;
}

const ALLOWED_ROLES = 'lintas:allowed-roles';
const PUBLIC = 'lintas:public';

/**
 * The roles that may call an operation. The guard runs for every resolver and route (APP_GUARD), so
 * an operation with neither this nor @Public is refused: forgetting a decorator fails closed.
 */
export const Allow = (...roles: readonly Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOWED_ROLES, roles);

export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC, true);

/** The caller, resolved once per request; every resolver method receives it explicitly. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined =>
    GqlExecutionContext.create(context).getContext<AccessContext>().principal,
);

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    // Registered for every route: anything that is not GraphQL must be marked @Public to be reached.
    if (context.getType<string>() !== 'graphql') throw new ForbiddenError();
    const gqlContext = GqlExecutionContext.create(context).getContext<AccessContext>();
    gqlContext.authentication ??= this.authenticator.authenticate(gqlContext.credentials);
    const principal = await gqlContext.authentication;
    if (!principal) throw new UnauthenticatedError();
    gqlContext.principal = principal;
    const allowed = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ALLOWED_ROLES, targets);
    if (!allowed?.some((role) => principal.roles.includes(role))) throw new ForbiddenError();
    return true;
  }
}
