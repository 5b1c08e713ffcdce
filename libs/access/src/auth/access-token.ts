import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, LintasConfig, UnauthenticatedError } from '#lintas/core';
import jwt from 'jsonwebtoken';

const ISSUER = 'lintas';
const AUDIENCE = 'lintas-api';

export interface IssuedToken {
  accessToken: string;
  expiresAt: Date;
}

/** Whom a token was issued to, and in which session. */
export interface AccessClaims {
  userId: string;
  sessionId: string;
}

/**
 * Short-lived HS256 tokens that name the user and the session only; roles and jurisdiction are
 * read fresh per request, and so is the session, so a logout refuses its tokens at once.
 */
@Injectable()
export class AccessTokens {
  /**
   * The secret as a key, made once: given the text, jsonwebtoken tries it as a public key on every
   * verification (a thrown and caught error) before making a secret key of it.
   */
  private readonly key: KeyObject;

  constructor(
    private readonly config: LintasConfig,
    private readonly clock: Clock,
  ) {
    this.key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
  }

  /** Lives JWT_TTL_SECONDS, never past `notAfter`: the end of its session. */
  issue(claims: AccessClaims, notAfter: Date): IssuedToken {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAtSeconds = Math.min(
      issuedAt + this.config.JWT_TTL_SECONDS,
      Math.floor(notAfter.getTime() / 1000),
    );
    const accessToken = jwt.sign(
      { sub: claims.userId, sid: claims.sessionId, iat: issuedAt, exp: expiresAtSeconds },
      this.key,
      {
        algorithm: 'HS256',
        issuer: ISSUER,
        audience: AUDIENCE,
      },
    );
    return { accessToken, expiresAt: new Date(expiresAtSeconds * 1000) };
  }

  /** UNAUTHENTICATED for anything forged, expired, malformed, or issued without a session. */
  verify(token: string): AccessClaims {
    try {
      const payload = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
      if (typeof payload === 'object' && typeof payload.sub === 'string' && typeof payload.sid === 'string') {
        return { userId: payload.sub, sessionId: payload.sid };
      }
    } catch {
      // every failure answers the same, below: the client needs to log in again, nothing more
    }
    throw new UnauthenticatedError('The access token is invalid or has expired');
  }
}
