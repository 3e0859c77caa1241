export * from './auth';
export * from './org';
export * from './method';
export * from './cycle';
export * from './scores';
export * from './incentives';
export * from './audit';
