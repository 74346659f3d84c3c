export { activityLogger, type LoggedActivity } from './activity-logger.js';
export { createLogger, type Logger } from './create-logger.js';
