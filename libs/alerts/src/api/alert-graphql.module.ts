import { Module } from '@nestjs/common';
import { PlacementModule } from '#lintas/pre-placement';
import { AlertsModule } from '../alerts.module.js';
import {
  AlertDeliveryFieldsResolver,
  AlertFieldsResolver,
  AlertRecipientFieldsResolver,
} from './alert-fields.resolver.js';
import { AlertRelations } from './alert-relations.js';
import { AlertResolver } from './alert.resolver.js';
import { AlertService } from './alert.service.js';
import { PlacementAlertsResolver } from './placement-alerts.resolver.js';

/** The GraphQL operations of alerts: the list, handling, and the live subscription. Only the API imports this. */
@Module({
  imports: [AlertsModule, PlacementModule],
  providers: [
    AlertService,
    AlertRelations,
    AlertResolver,
    AlertFieldsResolver,
    AlertRecipientFieldsResolver,
    AlertDeliveryFieldsResolver,
    PlacementAlertsResolver,
  ],
})
export class AlertGraphqlModule {}
