export * from './context.js';
export * from './input-files.js';
export * from './post.js';
export * from './secrets.js';
export * from './sign.js';
export * from './verify.js';
