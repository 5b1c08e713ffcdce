import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, LocalDate } from '#lintas/core';

export enum SexEnum {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
}
registerEnumType(SexEnum, { name: 'Sex' });

@ObjectType('Region', { description: 'A province or regency, by its Kemendagri code' })
export class RegionModel {
  @Field()
  code!: string;

  @Field()
  name!: string;
}

@ObjectType('NextOfKin')
export class NextOfKinModel {
  @Field()
  name!: string;

  @Field()
  relationship!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

@ObjectType('Worker', { description: 'A migrant worker (PMI), identified by NIK' })
export class WorkerModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'Null only for an incomplete worker reported abroad' })
  nik!: string | null;

  @Field()
  fullName!: string;

  @Field(() => SexEnum)
  sex!: SexEnum;

  @Field(() => LocalDate)
  dateOfBirth!: string;

  @Field(() => RegionModel, { nullable: true, description: 'Null when the origin is not known' })
  originProvince!: RegionModel | null;

  @Field(() => RegionModel, { nullable: true, description: 'Null when the origin is not known' })
  originRegency!: RegionModel | null;

  @Field({
    description: 'Reported abroad with what was known: the NIK or the origin may be missing until completed',
  })
  incomplete!: boolean;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  passportNumber!: string | null;

  @Field(() => NextOfKinModel, { nullable: true })
  nextOfKin!: NextOfKinModel | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Int)
  version!: number;
}

export const WorkerConnection = Connection(WorkerModel, 'Worker');
