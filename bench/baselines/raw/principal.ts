import { jurisdictionOf, type AgencyKind, type Principal, type Role } from '#lintas/access';
import jwt from 'jsonwebtoken';
import type pg from 'pg';
import { Refusal } from './refusal.js';

interface ActiveUserRow {
  account_id: string;
  account_display_name: string;
  account_roles: Role[];
  agency_id: string;
  agency_code: string;
  agency_name: string;
  agency_kind: AgencyKind;
  agency_province_codes: string[];
  agency_regency_codes: string[];
  agency_country_codes: string[];
}

/** Lintas reads the session, the user and the agency on every request: a logout refuses its token at once. */
const ACTIVE_USER_SQL = `SELECT "account"."id" AS "account_id", "account"."username" AS "account_username",
  "account"."display_name" AS "account_display_name", "account"."password_hash" AS "account_password_hash",
  "account"."roles" AS "account_roles", "account"."agency_id" AS "account_agency_id",
  "account"."active" AS "account_active", "account"."created_at" AS "account_created_at",
  "account"."updated_at" AS "account_updated_at", "agency"."id" AS "agency_id", "agency"."code" AS "agency_code",
  "agency"."name" AS "agency_name", "agency"."kind" AS "agency_kind",
  "agency"."province_codes" AS "agency_province_codes", "agency"."regency_codes" AS "agency_regency_codes",
  "agency"."country_codes" AS "agency_country_codes", "agency"."webhook_url" AS "agency_webhook_url",
  "agency"."webhook_secret" AS "agency_webhook_secret", "agency"."alert_emails" AS "agency_alert_emails",
  "agency"."created_at" AS "agency_created_at", "agency"."updated_at" AS "agency_updated_at"
  FROM "user_account" "account" INNER JOIN "user_session" "session" ON "session"."user_id" = "account"."id"
  INNER JOIN "agency" "agency" ON "agency"."id" = "account"."agency_id"
  WHERE "account"."id" = $1 AND "account"."active" AND "session"."id" = $2
    AND "session"."revoked_at" IS NULL AND "session"."expires_at" > $3`;

/**
 * The caller of a request, from a Lintas access token (the same bearer token the benchmark sends to
 * Lintas): the token's HS256 signature checked, then the one statement Lintas runs per request.
 * Users only: API keys (partners) are not accepted by the baseline.
 */
export async function principalOf(
  pool: pg.Pool,
  jwtSecret: string,
  authorization: string | undefined,
): Promise<Principal> {
  const { userId, sessionId } = claimsOf(jwtSecret, authorization);
  const {
    rows: [user],
  } = await pool.query<ActiveUserRow>(ACTIVE_USER_SQL, [userId, sessionId, new Date()]);
  if (!user) throw new Refusal('UNAUTHENTICATED', 'The access token is invalid or has expired');
  const agency = {
    id: user.agency_id,
    code: user.agency_code,
    name: user.agency_name,
    kind: user.agency_kind,
    provinceCodes: user.agency_province_codes,
    regencyCodes: user.agency_regency_codes,
    countryCodes: user.agency_country_codes,
  };
  return {
    kind: 'user',
    id: user.account_id,
    name: user.account_display_name,
    roles: user.account_roles,
    agency,
    jurisdiction: jurisdictionOf(agency),
    sessionId,
  };
}

function claimsOf(
  jwtSecret: string,
  authorization: string | undefined,
): { userId: string; sessionId: string } {
  const [scheme, token] = authorization?.split(' ') ?? [];
  if (scheme?.toLowerCase() !== 'bearer' || !token) {
    throw new Refusal('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"');
  }
  try {
    const payload = jwt.verify(token, jwtSecret, {
      algorithms: ['HS256'],
      issuer: 'lintas',
      audience: 'lintas-api',
    });
    if (typeof payload === 'object' && typeof payload.sub === 'string' && typeof payload.sid === 'string') {
      return { userId: payload.sub, sessionId: payload.sid };
    }
  } catch {
    // every failure answers the same, below
  }
  throw new Refusal('UNAUTHENTICATED', 'The access token is invalid or has expired');
}
