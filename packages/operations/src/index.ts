export * from './collect-results.js';
export * from './context.js';
export * from './input-files.js';
export * from './post-operation.js';
export * from './secrets.js';
export * from './sign.js';
export * from './verify-operation.js';
