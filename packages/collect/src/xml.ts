// Safe streaming XML: sax in strict mode with only the five predefined entities. A DOCTYPE with an internal
// subset (where entities are declared) is refused; sax never fetches an external DTD, so nothing is expanded.
import sax from 'sax';
import { refuse } from './errors.js';
import { readChunks } from './read.js';

// A long failure message or stack trace in one attribute must not fail the parse (sax's default is 64 KiB).
const limits = sax as unknown as { MAX_BUFFER_LENGTH: number };
limits.MAX_BUFFER_LENGTH = Math.max(limits.MAX_BUFFER_LENGTH, 8 * 1024 * 1024);

export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text?(text: string): void;
}

/** Parses a file with the handlers; malformed XML and DOCTYPEs become one-line refusals naming `display`. */
export async function parseXmlFile(path: string, display: string, handlers: XmlHandlers): Promise<void> {
  // strictEntities: only &lt; &gt; &amp; &quot; &apos; (and character references), not sax's HTML list.
  const options = { strictEntities: true, trim: false, normalize: false, position: true } as sax.SAXOptions;
  const parser = sax.parser(true, options);
  let failure: Error | null = null;
  parser.onerror = (error) => {
    failure ??= error;
  };
  parser.ondoctype = (doctype) => {
    // An external DTD name alone is harmless (it is never fetched); "[" opens an internal subset.
    if (!doctype.includes('[')) return;
    throw refuse(
      'REPORT_DTD',
      `${display} declares a DOCTYPE with an internal subset; DTDs and entity declarations are refused, not expanded.`,
      'Write the report without a DOCTYPE (no test reporter needs one).',
    );
  };
  parser.onopentag = (tag) => handlers.open(localName(tag.name), tag.attributes as Record<string, string>);
  parser.onclosetag = (name) => handlers.close(localName(name));
  if (handlers.text) {
    const text = handlers.text;
    parser.ontext = text;
    parser.oncdata = text;
  }
  for await (const chunk of readChunks(path)) {
    parser.write(chunk);
    if (failure) break;
  }
  if (!failure) parser.close();
  if (failure) {
    throw refuse(
      'REPORT_MALFORMED',
      `${display} is not well-formed XML (${reason(failure)} at line ${parser.line + 1}); it may be truncated.`,
      'Check that the test step finished writing the report (a crash can cut it short), then run again.',
    );
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

/** sax's own wording, without the part after a colon that can quote the document. */
function reason(error: Error): string {
  const first = error.message.split('\n')[0];
  return first.split(':')[0].trim().toLowerCase() || 'parse error';
}
