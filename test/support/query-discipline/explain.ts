import type { DataSource } from 'typeorm';
import type { RecordedStatement } from './statement-recorder.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** What a plan reads: the indexes it scans, and the tables it reads whole. */
export interface PlanReads {
  indexes: string[];
  seqScans: string[];
}

/**
 * EXPLAIN (FORMAT JSON) of a statement as the API sent it, with its values, in a transaction that
 * is rolled back: a sweep's INSERT is planned, never run. With `enable_seqscan = off`, a table of
 * a few dozen rows is read through its index as it would be at national scale, and a sequential
 * scan that remains is one no index can serve.
 */
export async function planReads(dataSource: DataSource, statement: RecordedStatement): Promise<PlanReads> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    await runner.query('SET LOCAL enable_seqscan = off');
    const [row] = (await runner.query(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values)) as {
      'QUERY PLAN': { Plan: PlanNode }[];
    }[];
    const reads: PlanReads = { indexes: [], seqScans: [] };
    for (const plan of row?.['QUERY PLAN'] ?? []) collect(plan.Plan, reads);
    return reads;
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

function collect(node: PlanNode, reads: PlanReads): void {
  if (node['Index Name']) reads.indexes.push(node['Index Name']);
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) reads.seqScans.push(node['Relation Name']);
  for (const child of node.Plans ?? []) collect(child, reads);
}
