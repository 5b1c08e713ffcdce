import { Global, Module } from '@nestjs/common';
import { LintasConfig, loadConfig } from './lintas-config.js';

@Global()
@Module({
  providers: [{ provide: LintasConfig, useFactory: (): LintasConfig => loadConfig() }],
  exports: [LintasConfig],
})
export class ConfigModule {}
