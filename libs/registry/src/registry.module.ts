import { Module } from '@nestjs/common';
import { RegionResolver } from './regions/region.resolver.js';
import { RegionService } from './regions/region.service.js';
import { WorkerFieldsResolver } from './worker/worker-fields.resolver.js';
import { WorkerResolver } from './worker/worker.resolver.js';
import { WorkerService } from './worker/worker.service.js';

/** Workers (NIK), and the reference data they are checked against. */
@Module({
  providers: [WorkerService, RegionService],
  exports: [WorkerService, RegionService],
})
export class RegistryModule {}

/** The GraphQL operations of the registry; only the API imports this. */
@Module({ imports: [RegistryModule], providers: [WorkerResolver, WorkerFieldsResolver, RegionResolver] })
export class RegistryGraphqlModule {}
