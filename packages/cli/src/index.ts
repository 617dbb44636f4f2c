export { main, type CliIo } from './main.js';
export { COMMANDS, type CommandName } from './flags.js';
