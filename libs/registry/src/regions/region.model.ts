import { Field, ObjectType } from '@nestjs/graphql';
import { RegionModel } from '../worker/worker.model.js';

@ObjectType('Regency', { description: 'A regency or city (kabupaten/kota), by its Kemendagri code' })
export class RegencyModel {
  @Field({ description: '4 digits, e.g. "6372"; its first two are the province' })
  code!: string;

  @Field()
  name!: string;

  @Field()
  provinceCode!: string;
}

@ObjectType('LegacyRegencyCode', {
  description: 'A regency code a NIK may still carry (Papua before 2022), and the regency it names today',
})
export class LegacyRegencyCodeModel {
  @Field()
  legacyCode!: string;

  @Field({ description: 'The current code of the same regency' })
  regencyCode!: string;

  @Field()
  name!: string;
}

@ObjectType('RegionDirectory', {
  description:
    "Indonesia's Kemendagri regions, by code: what a NIK's region and a worker's origin are checked against",
})
export class RegionDirectoryModel {
  @Field(() => [RegionModel])
  provinces!: RegionModel[];

  @Field(() => [RegencyModel])
  regencies!: RegencyModel[];

  @Field(() => [LegacyRegencyCodeModel])
  legacyRegencyCodes!: LegacyRegencyCodeModel[];
}
