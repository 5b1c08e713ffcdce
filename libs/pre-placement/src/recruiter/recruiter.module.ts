import { Module } from '@nestjs/common';
import { RecruiterResolver } from './recruiter.resolver.js';
import { RecruiterService } from './recruiter.service.js';

/** Recruiters (P3MI), their licences and recruitment permits. */
@Module({
  providers: [RecruiterService],
  exports: [RecruiterService],
})
export class RecruiterModule {}

/** The GraphQL operations on recruiters; only the API imports this. */
@Module({ imports: [RecruiterModule], providers: [RecruiterResolver] })
export class RecruiterGraphqlModule {}
