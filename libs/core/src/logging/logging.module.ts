import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { LintasConfig } from '../config/lintas-config.js';
import { createLogger, logDestination } from './logger.js';
import { APP_LOGGER } from './logger.token.js';

@Global()
@Module({})
export class LoggingModule {
  /** Provides APP_LOGGER for a process named `service` (api, worker, cli). */
  static forRoot(service: string): DynamicModule {
    return {
      module: LoggingModule,
      providers: [
        {
          provide: APP_LOGGER,
          inject: [LintasConfig],
          useFactory: (config: LintasConfig): Logger =>
            createLogger(config.LOG_LEVEL, service, logDestination(config.LOG_FILE)),
        },
      ],
      exports: [APP_LOGGER],
    };
  }
}
