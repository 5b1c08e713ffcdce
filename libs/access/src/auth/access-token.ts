import { Injectable } from '@nestjs/common';
import { Clock, LintasConfig, UnauthenticatedError } from '#lintas/core';
import jwt from 'jsonwebtoken';

const ISSUER = 'lintas';
const AUDIENCE = 'lintas-api';

export interface IssuedToken {
  accessToken: string;
  expiresAt: Date;
}

/** Short-lived HS256 tokens that name the user only; roles and jurisdiction are read fresh per request. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly config: LintasConfig,
    private readonly clock: Clock,
  ) {}

  issue(userId: string): IssuedToken {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAtSeconds = issuedAt + this.config.JWT_TTL_SECONDS;
    const accessToken = jwt.sign(
      { sub: userId, iat: issuedAt, exp: expiresAtSeconds },
      this.config.JWT_SECRET,
      {
        algorithm: 'HS256',
        issuer: ISSUER,
        audience: AUDIENCE,
      },
    );
    return { accessToken, expiresAt: new Date(expiresAtSeconds * 1000) };
  }

  /** The user id the token was issued to; UNAUTHENTICATED for anything forged, expired or malformed. */
  verify(token: string): string {
    try {
      const payload = jwt.verify(token, this.config.JWT_SECRET, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
      if (typeof payload === 'object' && typeof payload.sub === 'string') return payload.sub;
    } catch {
      // every failure answers the same, below: the client needs to log in again, nothing more
    }
    throw new UnauthenticatedError('The access token is invalid or has expired');
  }
}
