import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail } from '#lintas/audit';
import { ConflictError, ForbiddenError, InvalidInputError, UnauthenticatedError } from '#lintas/core';
import type { DataSource } from 'typeorm';
import { LoginThrottle } from '../auth/login-throttle.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { passwordPolicyErrors } from '../auth/password-policy.js';
import { auditActor, type Principal } from '../auth/principal.js';
import { SessionRevocation } from '../session/user-session.entity.js';
import { UserSessions } from '../session/user-sessions.js';
import { UserAccount } from './user-account.entity.js';

@Injectable()
export class UserPasswords {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: UserSessions,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Replaces the caller's password and ends their other sessions: whoever else held one (a stolen
   * laptop, a shared desk) must log in with the new password. The session asking stays open.
   * A wrong current password counts as a failed login — a stolen access token must not become a
   * way to guess it — and the audit trail records the change, never a password.
   */
  async change(
    principal: Principal,
    currentPassword: string,
    newPassword: string,
    address?: string,
  ): Promise<void> {
    const sessionId = principal.sessionId;
    if (principal.kind !== 'user' || !sessionId) {
      throw new ForbiddenError('Only a user who logs in with a password can change it');
    }
    const user = await this.dataSource
      .getRepository(UserAccount)
      .findOneBy({ id: principal.id, active: true });
    if (!user) throw new UnauthenticatedError();
    const reserved = await this.throttle.reserve({ username: user.username, address });
    const problems = passwordPolicyErrors('newPassword', newPassword, user.username);
    if (newPassword === currentPassword) {
      problems.push({ path: 'newPassword', message: 'must differ from the current password' });
    }
    const valid = await this.hasher
      .verify(user.passwordHash, currentPassword)
      .catch(async (error: unknown) => {
        await this.throttle.abandoned(reserved);
        throw error;
      });
    if (!valid) {
      await this.throttle.failed(reserved, user.id);
      throw new InvalidInputError([
        { path: 'currentPassword', message: 'is not your password' },
        ...problems,
      ]);
    }
    await this.throttle.succeeded(reserved);
    if (problems.length > 0) throw new InvalidInputError(problems);
    const passwordHash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      // Against the hash just verified: a change made meanwhile is not silently overwritten.
      const changed = await manager.update(
        UserAccount,
        { id: user.id, passwordHash: user.passwordHash },
        { passwordHash },
      );
      if (!changed.affected) throw new ConflictError('The password was changed meanwhile', 'currentPassword');
      const otherSessionsRevoked = await this.sessions.revokeOthers(
        manager,
        user.id,
        sessionId,
        SessionRevocation.PASSWORD_CHANGED,
      );
      await this.audit.record(manager, {
        actor: auditActor(principal),
        action: 'user.password_changed',
        entityType: 'user',
        entityId: user.id,
        before: null,
        after: { otherSessionsRevoked },
      });
    });
  }
}
