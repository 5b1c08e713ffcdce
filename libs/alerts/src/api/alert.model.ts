import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '#lintas/core';
import {
  AlertKind,
  AlertSeverity,
  AlertStatus,
  DeliveryChannel,
  DeliveryStatus,
} from '../model/alert.enums.js';

export enum DeliveryAttemptOutcome {
  DELIVERED = 'DELIVERED',
  RETRY = 'RETRY',
  FAILED = 'FAILED',
}
registerEnumType(DeliveryAttemptOutcome, {
  name: 'DeliveryAttemptOutcome',
  description: 'DELIVERED, RETRY (another try follows) or FAILED (the last try)',
});

@ObjectType('User', { description: 'A person who logs in to Lintas, as alerts name them' })
export class UserModel {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;
}

@ObjectType('AlertRecipient', { description: 'An agency an alert was routed to, and why' })
export class AlertRecipientModel {
  @Field({ description: 'E.g. "BP3MI of province 63", or why the national agency received it' })
  reason!: string;

  @Field()
  addedAt!: Date;
}

@ObjectType('AlertDeliveryAttempt', { description: 'One try of a delivery, as it happened' })
export class AlertDeliveryAttemptModel {
  @Field(() => Int, { description: '1 for the first try' })
  attempt!: number;

  @Field()
  attemptedAt!: Date;

  @Field(() => Int)
  latencyMs!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'The HTTP status or SMTP reply code; null when no answer came',
  })
  statusCode!: number | null;

  @Field(() => DeliveryAttemptOutcome)
  outcome!: DeliveryAttemptOutcome;

  @Field(() => String, { nullable: true })
  error!: string | null;
}

@ObjectType('AlertDelivery', {
  description: 'The alert, at one severity, to one agency over one channel; its id is the Idempotency-Key',
})
export class AlertDeliveryModel {
  @Field(() => ID)
  id!: string;

  @Field(() => DeliveryChannel)
  channel!: DeliveryChannel;

  @Field(() => String, {
    nullable: true,
    description:
      'The webhook URL or the e-mail addresses, as they were when the delivery was made; shown only to the agency it went to and to the national agency',
  })
  target!: string | null;

  @Field(() => AlertSeverity, { description: 'The severity delivered: an escalation is delivered afresh' })
  severity!: AlertSeverity;

  @Field(() => DeliveryStatus)
  status!: DeliveryStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => Date, { nullable: true })
  failedAt!: Date | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('Alert', {
  description: 'Something an agency must act on: one open alert per condition, escalated as it worsens',
})
export class AlertModel {
  @Field(() => ID)
  id!: string;

  @Field(() => AlertKind)
  kind!: AlertKind;

  @Field(() => AlertSeverity)
  severity!: AlertSeverity;

  @Field(() => AlertStatus)
  status!: AlertStatus;

  @Field({ description: 'Why, in a sentence an officer can act on' })
  reason!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'For DELIVERY_FAILED: the alert that could not be delivered',
  })
  subjectAlertId!: string | null;

  @Field()
  raisedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the severity last rose' })
  escalatedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  assignedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true })
  resolutionNote!: string | null;

  @Field(() => Int, { description: 'Send it back with a change: a stale version answers CONFLICT' })
  version!: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

export const AlertConnection = Connection(AlertModel, 'Alert');
