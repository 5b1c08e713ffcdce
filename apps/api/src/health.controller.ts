import { Controller, Get, HttpCode, HttpException, HttpStatus } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Public } from '#lintas/access';
import { QueueProducer } from '#lintas/queue';
import type { DataSource } from 'typeorm';

export interface Readiness {
  status: 'ok' | 'unavailable';
  postgres: boolean;
  redis: boolean;
}

/** Liveness says the process runs; readiness says it can serve: PostgreSQL and Redis answer. */
@Public()
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
  ) {}

  @Get('health')
  @HttpCode(HttpStatus.OK)
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<Readiness> {
    const [postgres, redis] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      this.producer.ping(),
    ]);
    const readiness: Readiness = { status: postgres && redis ? 'ok' : 'unavailable', postgres, redis };
    if (readiness.status !== 'ok') throw new HttpException(readiness, HttpStatus.SERVICE_UNAVAILABLE);
    return readiness;
  }
}
