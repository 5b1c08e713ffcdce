import { Inject, Injectable, SetMetadata, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { APP_LOGGER } from '#lintas/core';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { HandlesQueue, type JobHandler, type JobOutcome } from './job-handler.js';
import { QueueName, type DomainEventJob } from './queue-names.js';

const DOMAIN_EVENT_RULE = 'lintas:domain-event-rule';

/** An event rule: reacts to its topics. Rules re-read state and must be idempotent (at-least-once). */
export interface DomainEventRule {
  onEvent(event: DomainEventJob): Promise<JobOutcome>;
}

export const ReactsTo = (...topics: string[]): ClassDecorator => SetMetadata(DOMAIN_EVENT_RULE, topics);

/** Processes the domain-events queue by handing each event to the rules that react to its topic. */
@Injectable()
@HandlesQueue(QueueName.DomainEvents)
export class DomainEventDispatcher implements JobHandler<QueueName.DomainEvents>, OnModuleInit {
  private readonly rules = new Map<string, DomainEventRule[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const topics =
        wrapper.metatype && this.reflector.get<string[] | undefined>(DOMAIN_EVENT_RULE, wrapper.metatype);
      if (!topics || !wrapper.instance) continue;
      for (const topic of topics) {
        this.rules.set(topic, [...(this.rules.get(topic) ?? []), wrapper.instance as DomainEventRule]);
      }
    }
  }

  async handle(job: Job<DomainEventJob>): Promise<JobOutcome> {
    const rules = this.rules.get(job.data.topic) ?? [];
    const outcomes = await Promise.all(rules.map((rule) => rule.onEvent(job.data)));
    this.logger.debug({ eventId: job.data.eventId, topic: job.data.topic, outcomes }, 'domain event handled');
    return outcomes.includes('done') ? 'done' : 'skipped';
  }
}
