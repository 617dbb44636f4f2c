// The one place that loads ajv-formats. It is CommonJS: Node's ESM loader hands over module.exports (the plugin),
// while jest's and ncc's interop may hand over an object whose `default` is the plugin. Either works here.
import type { Ajv } from 'ajv';
import ajvFormatsModule from 'ajv-formats';
import type { FormatName } from 'ajv-formats';

type AddFormats = (ajv: Ajv, formats?: FormatName[]) => Ajv;
const plugin = ((ajvFormatsModule as unknown as { default?: AddFormats }).default ??
  ajvFormatsModule) as unknown as AddFormats;

/** Adds ajv-formats' formats (all, or the named ones) to an ajv instance. */
export function addAjvFormats<T extends Ajv>(ajv: T, formats?: FormatName[]): T {
  plugin(ajv, formats);
  return ajv;
}
