import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts.module.js';

/** The GraphQL operations of alerts: the list, handling, and the live subscription. Only the API imports this. */
@Module({ imports: [AlertsModule] })
export class AlertGraphqlModule {}
