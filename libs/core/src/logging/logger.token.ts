/** The process's pino logger, provided by each app: `@Inject(APP_LOGGER) logger: Logger`. */
export const APP_LOGGER = Symbol('APP_LOGGER');
