// Safe streaming XML with saxes (strict XML 1.0; only the five predefined entities; DTDs are not processed).
// A DOCTYPE with an internal subset (where entities are declared) is refused; an external DTD is never fetched.
import { SaxesParser } from 'saxes';
import { refuse } from './errors.js';
import { readChunks } from './read.js';

export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text?(text: string): void;
}

/** Parses a file with the handlers; malformed XML and DTDs become one-line refusals naming `display`. */
export async function parseXmlFile(path: string, display: string, handlers: XmlHandlers): Promise<void> {
  // XML 1.1 accepts character references to control characters (&#27;), which Surefire and others write.
  const parser = new SaxesParser({ xmlns: false, position: true, defaultXMLVersion: '1.1', forceXMLVersion: true });
  let failure: { reason: string; line: number } | null = null;
  parser.on('error', (error) => {
    failure ??= { reason: reason(error), line: parser.line };
  });
  parser.on('doctype', (doctype) => {
    if (!doctype.includes('[')) return;
    throw refuse(
      'REPORT_DTD',
      `${display} declares a DOCTYPE with an internal subset; DTDs and entity declarations are refused, not expanded.`,
      'Write the report without a DOCTYPE (no test reporter needs one).',
    );
  });
  parser.on('opentag', (tag) => handlers.open(localName(tag.name), tag.attributes as Record<string, string>));
  parser.on('closetag', (tag) => handlers.close(localName(tag.name)));
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  for await (const chunk of readChunks(path)) {
    parser.write(chunk.replace(RAW_CONTROLS, shelter));
    if (failure) break;
  }
  if (!failure) parser.close();
  if (failure) {
    const { reason, line } = failure;
    throw refuse(
      'REPORT_MALFORMED',
      `${display} is not well-formed XML (${reason} at line ${line}); it may be truncated.`,
      'Check that the test step finished writing the report (a crash can cut it short), then run again.',
    );
  }
}

// Some reporters write raw terminal escapes, which no XML allows; they are moved into the private use area
// (U+E000 + code) and taken out again by sanitize.ts, so that they are stripped as escapes, not shown as text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RAW_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const shelter = (char: string) => String.fromCharCode(0xe000 + char.charCodeAt(0));

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

/** saxes's wording without its "file:line:column:" prefix; cut at a colon, after which it may quote the document. */
function reason(error: Error): string {
  const text = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').split('\n')[0];
  return text.split(':')[0].trim().replace(/\.$/, '').toLowerCase() || 'parse error';
}
