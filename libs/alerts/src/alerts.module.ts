import { Module } from '@nestjs/common';
import { AlertFeed } from './live/alert-feed.js';
import { AlertLedger } from './model/alert-ledger.js';

/** The alert model every process shares: raising and resolving alerts, and the live feed. */
@Module({
  providers: [AlertLedger, AlertFeed],
  exports: [AlertLedger, AlertFeed],
})
export class AlertsModule {}
