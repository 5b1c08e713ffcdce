import { Query, Resolver } from '@nestjs/graphql';
import { Allow, READERS } from '#lintas/access';
import { RegionDirectoryModel } from './region.model.js';
import { RegionService, type RegionDirectory } from './region.service.js';

/** Reference data: anyone signed in reads it, to check a NIK as it is typed and to choose an origin. */
@Resolver(() => RegionDirectoryModel)
export class RegionResolver {
  constructor(private readonly regionService: RegionService) {}

  @Allow(...READERS)
  @Query(() => RegionDirectoryModel, {
    description:
      'Provinces, regencies and the legacy regency codes NIKs still carry, by Kemendagri code: for a form to check a NIK and offer origins',
  })
  regions(): Promise<RegionDirectory> {
    return this.regionService.directory();
  }
}
