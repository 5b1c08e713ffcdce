import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ErrorCode, FieldError } from '#lintas/core';
import { ContactChannel, PartnerStatus, TraffickingIndicator } from './placement-abroad.enums.js';

registerEnumType(PartnerStatus, { name: 'PartnerStatus' });
registerEnumType(ContactChannel, { name: 'ContactChannel' });
registerEnumType(TraffickingIndicator, {
  name: 'TraffickingIndicator',
  description: "The ILO's 11 indicators of forced labour, plus the warning signs BP3MI trainers teach",
});

@ObjectType('WelfareContact', { description: 'A check-in on a worker abroad; never edited, only corrected' })
export class WelfareContactModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  placementId!: string;

  @Field()
  contactedAt!: Date;

  @Field(() => ContactChannel)
  channel!: ContactChannel;

  @Field({ description: 'Only a contact that reached the worker moves the next check-in' })
  reachedWorker!: boolean;

  @Field(() => String, { nullable: true })
  location!: string | null;

  @Field(() => String, { nullable: true })
  wellbeing!: string | null;

  @Field(() => [TraffickingIndicator])
  indicators!: TraffickingIndicator[];

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => ID, { nullable: true, description: 'The contact this one corrects' })
  correctsId!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('PartnerStatusReport')
export class PartnerStatusReportModel {
  @Field(() => PartnerStatus)
  status!: PartnerStatus;

  @Field()
  effectiveAt!: Date;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => String, { nullable: true })
  employerName!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('FieldProblem')
export class FieldProblemModel implements FieldError {
  @Field()
  path!: string;

  @Field()
  message!: string;
}

@ObjectType('ItemError', { description: 'Why one item of a batch was refused; the others are unaffected' })
export class ItemErrorModel {
  @Field(() => String, {
    description: 'As extensions.code would say it: BAD_USER_INPUT, NOT_FOUND, CONFLICT, …',
  })
  code!: ErrorCode | 'INTERNAL';

  @Field()
  message!: string;

  @Field(() => [FieldProblemModel])
  fields!: FieldError[];
}

@ObjectType('WelfareContactResult', { description: 'One item of recordWelfareContacts, by its position' })
export class WelfareContactResultModel {
  @Field(() => Int)
  index!: number;

  @Field(() => WelfareContactModel, { nullable: true })
  contact!: WelfareContactModel | null;

  @Field(() => ItemErrorModel, { nullable: true })
  error!: ItemErrorModel | null;
}
