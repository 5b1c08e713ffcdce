import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts.module.js';
import { DeliverAlertJob } from './deliver-alert.job.js';
import { EmailChannel } from './email.channel.js';
import { WebhookChannel } from './webhook.channel.js';

/** Delivers alerts to agencies by signed webhook and by e-mail, recording every attempt. Worker only. */
@Module({
  imports: [AlertsModule],
  providers: [DeliverAlertJob, WebhookChannel, EmailChannel],
})
export class AlertDeliveryModule {}
