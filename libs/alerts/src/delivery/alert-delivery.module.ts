import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts.module.js';

/** Delivers alerts to agencies by signed webhook and by e-mail, recording every attempt. */
@Module({ imports: [AlertsModule] })
export class AlertDeliveryModule {}
