import type { AlertKind, AlertRouter, AlertSeverity } from '#lintas/alerts';
import type { EntityManager } from 'typeorm';
import { DEMO_TABLES, type DemoRow, type DemoTableName, type DemoTables } from './demo-tables.js';

/** Rows per statement: one JSON parameter of a few megabytes at most. */
const ROWS_PER_STATEMENT = 10_000;

/**
 * Writes every table of the data set with a few large statements: each chunk of rows travels as
 * one JSON parameter that PostgreSQL unpacks into typed columns (jsonb_to_recordset), in the order
 * given, so identities such as the timeline's sequence follow the rows' order.
 */
export async function writeDemoTables(manager: EntityManager, tables: DemoTables): Promise<void> {
  for (const table of Object.keys(DEMO_TABLES) as DemoTableName[]) {
    const rows: readonly object[] = tables[table];
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      await manager.query(insertStatement(table), [
        JSON.stringify(rows.slice(start, start + ROWS_PER_STATEMENT)),
      ]);
    }
  }
}

function insertStatement(table: DemoTableName): string {
  const columns = Object.entries(DEMO_TABLES[table]);
  const names = columns.map(([name]) => name).join(', ');
  const definitions = columns.map(([name, type]) => `${name} ${type.replace('?', '')}`).join(', ');
  return `INSERT INTO ${table} (${names})
          SELECT ${names}
            FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (${definitions})) WITH ORDINALITY AS source (${names}, position)
           ORDER BY position`;
}

/**
 * Sends each alert to the agencies Lintas would have sent it to, as AlertRouter decides. Routing
 * depends only on the alert's kind and severity and on where its worker comes from and went, so
 * the router is asked once per such combination (its answer is recorded for that alert), and the
 * same recipients are written for the other alerts alike, dated when each alert was raised.
 */
export async function routeDemoAlerts(
  manager: EntityManager,
  router: AlertRouter,
  tables: DemoTables,
): Promise<number> {
  const placements = new Map(tables.placement.map((placement) => [placement.id, placement]));
  const groups = new Map<string, DemoRow<'alert'>[]>();
  for (const alert of tables.alert) {
    const placement = alert.placement_id ? placements.get(alert.placement_id) : undefined;
    const key = [alert.kind, alert.severity, placement?.origin_regency_code, placement?.destination].join(
      ':',
    );
    groups.set(key, [...(groups.get(key) ?? []), alert]);
  }
  const recipients: { alert_id: string; agency_id: string; reason: string; added_at: Date }[] = [];
  for (const alerts of groups.values()) {
    const [first] = alerts;
    const placement = first?.placement_id ? placements.get(first.placement_id) : undefined;
    if (!first || !placement) continue;
    const routed = await router.route(manager, [
      {
        id: first.id,
        kind: first.kind as AlertKind,
        severity: first.severity as AlertSeverity,
        originProvinceCode: placement.origin_province_code,
        originRegencyCode: placement.origin_regency_code,
        destination: placement.destination,
      },
    ]);
    for (const alert of alerts) {
      for (const recipient of routed.get(first.id) ?? []) {
        recipients.push({
          alert_id: alert.id,
          agency_id: recipient.agencyId,
          reason: recipient.reason,
          added_at: alert.raised_at,
        });
      }
    }
  }
  for (let start = 0; start < recipients.length; start += ROWS_PER_STATEMENT) {
    await manager.query(
      `INSERT INTO alert_recipient (alert_id, agency_id, reason, added_at)
       SELECT alert_id, agency_id, reason, added_at
         FROM jsonb_to_recordset($1::jsonb) AS source (alert_id uuid, agency_id uuid, reason text, added_at timestamptz)
       ON CONFLICT (alert_id, agency_id) DO UPDATE SET added_at = EXCLUDED.added_at`,
      [JSON.stringify(recipients.slice(start, start + ROWS_PER_STATEMENT))],
    );
  }
  return recipients.length;
}
