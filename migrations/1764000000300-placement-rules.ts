import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { MigrationInterface, QueryRunner } from 'typeorm';

import { parseCsv } from './support/csv.js';
import { findRepositoryRoot } from './support/repository-root.js';

/**
 * The placement-rules table — destination × sector × employer type (× job, × city) → OPEN, BANNED
 * or CHANNEL_ONLY, with effective dates and a source — loaded from data/placement-rules (see its
 * SOURCE.md): the Kepmenaker 260/2015 moratorium and the Saudi one-channel pilot (SPSK).
 */
export class PlacementRules1764000000300 implements MigrationInterface {
  name = 'PlacementRules1764000000300';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Rows are never updated: a new policy is a new row from its own effective date, so the rule
    // that judged an old departure stays readable.
    await queryRunner.query(`
      CREATE TABLE placement_rule (
        id text NOT NULL,
        destination char(2) NOT NULL,
        sector text NOT NULL,
        employer_type text NULL,
        decision text NOT NULL,
        jobs text[] NOT NULL DEFAULT '{}',
        cities text[] NOT NULL DEFAULT '{}',
        channel text NULL,
        effective_from date NOT NULL,
        effective_until date NULL,
        source text NOT NULL,
        CONSTRAINT placement_rule_pkey PRIMARY KEY (id),
        CONSTRAINT placement_rule_destination_fkey FOREIGN KEY (destination) REFERENCES country (code),
        CONSTRAINT placement_rule_sector_check CHECK (
          sector IN ('FORMAL', 'DOMESTIC', 'SEAFARER', 'CARE_WORKER', 'PLANTATION', 'CONSTRUCTION', 'OTHER')
        ),
        CONSTRAINT placement_rule_employer_type_check CHECK (employer_type IN ('INDIVIDUAL', 'LEGAL_ENTITY')),
        CONSTRAINT placement_rule_decision_check CHECK (decision IN ('OPEN', 'BANNED', 'CHANNEL_ONLY')),
        CONSTRAINT placement_rule_channel_check CHECK (channel IN ('G_TO_G', 'SPSK')),
        -- A channel is what a CHANNEL_ONLY rule opens; on any other rule it would be ignored.
        CONSTRAINT placement_rule_channel_only_check CHECK ((decision = 'CHANNEL_ONLY') = (channel IS NOT NULL)),
        CONSTRAINT placement_rule_source_check CHECK (source <> ''),
        -- effective_until is exclusive, so a rule must cover at least one day.
        CONSTRAINT placement_rule_effective_check CHECK (effective_until > effective_from)
      )
    `);
    await queryRunner.query(
      'CREATE INDEX placement_rule_destination_sector_idx ON placement_rule (destination, sector)',
    );

    const root = findRepositoryRoot();
    await insertRules(queryRunner, [
      ...moratoriumRules(await readRecords(root, MORATORIUM_FILE)),
      ...tabulatedRules(await readRecords(root, SPSK_FILE), SPSK_FILE),
    ]);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE placement_rule');
  }
}

const MORATORIUM_FILE = 'moratorium-kepmenaker-260-2015.csv';
const SPSK_FILE = 'spsk-saudi-one-channel-2018.csv';

/** The decree is in force from this day (data/placement-rules/SOURCE.md). */
const MORATORIUM_IN_FORCE_FROM = '2015-07-01';

/** The delivered file's one sector: domestic work for a household, which is an individual employer. */
const MORATORIUM_SECTOR = 'domestic_worker_individual_employer';

const COLUMNS = [
  'id',
  'destination',
  'sector',
  'employer_type',
  'decision',
  'jobs',
  'cities',
  'channel',
  'effective_from',
  'effective_until',
  'source',
] as const;

type RuleValues = Record<(typeof COLUMNS)[number], string | string[] | null>;

/** The moratorium file is kept as it was delivered, so its rows are read into the table's terms here. */
function moratoriumRules(records: CsvRecord[]): RuleValues[] {
  return records.map(({ field }) => {
    const sector = field('sector');
    if (sector !== MORATORIUM_SECTOR) {
      throw new Error(`data/placement-rules/${MORATORIUM_FILE} has an unknown sector "${sector}"`);
    }
    const country = field('country_iso2');
    return {
      id: `kepmenaker-260-2015:${country}`,
      destination: country,
      sector: 'DOMESTIC',
      employer_type: 'INDIVIDUAL',
      decision: 'BANNED',
      jobs: [],
      cities: [],
      channel: null,
      effective_from: MORATORIUM_IN_FORCE_FROM,
      effective_until: null,
      source: field('source'),
    };
  });
}

/** Files already written in the table's own columns; the table's checks judge the values. */
function tabulatedRules(records: CsvRecord[], file: string): RuleValues[] {
  return records.map(({ field }) => {
    const optional = (name: string): string | null => (field(name) === '' ? null : field(name));
    const list = (name: string): string[] =>
      field(name)
        .split(';')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    const id = field('rule_id');
    if (id === '') {
      throw new Error(`data/placement-rules/${file} has a rule without rule_id`);
    }
    return {
      id,
      destination: field('destination'),
      sector: field('sector'),
      employer_type: optional('employer_type'),
      decision: field('decision'),
      jobs: list('jobs'),
      cities: list('cities'),
      channel: optional('channel'),
      effective_from: field('effective_from'),
      effective_until: optional('effective_until'),
      source: field('source'),
    };
  });
}

interface CsvRecord {
  /** The named field; a missing column stops the migration rather than loading a null. */
  field: (name: string) => string;
}

async function readRecords(root: string, file: string): Promise<CsvRecord[]> {
  const records = parseCsv(await readFile(join(root, 'data', 'placement-rules', file), 'utf8'));
  return records.map((record, index) => ({
    field: (name) => {
      const value: string | undefined = record[name];
      if (value === undefined) {
        throw new Error(`data/placement-rules/${file} has no column "${name}" (record ${index + 2})`);
      }
      return value;
    },
  }));
}

/** A few dozen rows: one statement, far below PostgreSQL's 65535 bind parameters. */
async function insertRules(queryRunner: QueryRunner, rules: RuleValues[]): Promise<void> {
  const tuples = rules.map(
    (_, row) => `(${COLUMNS.map((_, column) => `$${row * COLUMNS.length + column + 1}`).join(', ')})`,
  );
  await queryRunner.query(
    `INSERT INTO placement_rule (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`,
    rules.flatMap((rule) => COLUMNS.map((column) => rule[column])),
  );
}
