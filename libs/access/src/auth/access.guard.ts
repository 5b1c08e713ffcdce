import {
  Injectable,
  SetMetadata,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ForbiddenError, UnauthenticatedError } from '#lintas/core';
import type { Role } from '../roles.js';
import { Authenticator, credentialsOf, type Credentials } from './authenticator.js';
import type { Principal } from './principal.js';

/** What the API puts in each GraphQL request's context for access control. */
export interface AccessContext {
  credentials: Credentials;
  /** Authentication runs once per request, however many root fields the operation has. */
  authentication?: Promise<Principal | undefined>;
  principal?: Principal;
}

/** What the guard reads from a plain HTTP route's request, and the principal it attaches to it. */
interface HttpAccessRequest {
  headers: IncomingHttpHeaders;
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

/** The caller, resolved once per request; every resolver and route method receives it explicitly. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined =>
    context.getType<string>() === 'http'
      ? context.switchToHttp().getRequest<HttpAccessRequest>().principal
      : GqlExecutionContext.create(context).getContext<AccessContext>().principal,
);

/**
 * The caller, for a field resolver that takes GraphQL's own arguments (parent, args, context)
 * instead of parameter decorators: Nest calls such a resolver directly, where decorated parameters
 * cost a trip through its context creator and pipes for every row of a page. The guard put the
 * principal in the context when the operation began; a field reached without one is refused.
 */
export function principalIn(context: AccessContext): Principal {
  if (!context.principal) throw new UnauthenticatedError();
  return context.principal;
}

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const principal = await this.principalOf(context);
    if (!principal) throw new UnauthenticatedError();
    const allowed = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ALLOWED_ROLES, targets);
    if (!allowed?.some((role) => principal.roles.includes(role))) throw new ForbiddenError();
    return true;
  }

  /** Attaches the caller where @CurrentPrincipal reads it: the GraphQL context, or the HTTP request. */
  private async principalOf(context: ExecutionContext): Promise<Principal | undefined> {
    const type = context.getType<string>();
    if (type === 'graphql') {
      const gqlContext = GqlExecutionContext.create(context).getContext<AccessContext>();
      gqlContext.authentication ??= this.authenticator.authenticate(gqlContext.credentials);
      gqlContext.principal = await gqlContext.authentication;
      return gqlContext.principal;
    }
    // Anything else (a message handler, a socket) has no credentials this guard knows how to read.
    if (type !== 'http') throw new ForbiddenError();
    const request = context.switchToHttp().getRequest<HttpAccessRequest>();
    request.principal = await this.authenticator.authenticate(credentialsOf(request.headers));
    return request.principal;
  }
}
