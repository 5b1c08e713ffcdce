import { Global, Module } from '@nestjs/common';
import { PiiCipher } from '../pii/pii-cipher.js';
import { LintasConfig, loadConfig } from './lintas-config.js';

@Global()
@Module({
  providers: [
    { provide: LintasConfig, useFactory: (): LintasConfig => loadConfig() },
    // Beside the configuration it is made from: every app that reads workers needs it.
    {
      provide: PiiCipher,
      inject: [LintasConfig],
      useFactory: (config: LintasConfig): PiiCipher => PiiCipher.fromConfig(config),
    },
  ],
  exports: [LintasConfig, PiiCipher],
})
export class ConfigModule {}
