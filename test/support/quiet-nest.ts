import { Logger } from '@nestjs/common';

// Test files boot the API, the worker and CLI contexts in one process; Nest's own start-up
// chatter (and its note that each registers a default DataSource) would bury the test output.
Logger.overrideLogger(['error']);
