/**
 * Just enough XML for S3's REST answers (ListObjectsV2 pages, <Error> bodies), with no
 * dependency, so it runs in Workers as in Node. Elements nest, attributes are skipped, namespace
 * prefixes dropped; text keeps its whitespace (an object key may begin or end with a space) and
 * has the five predefined entities and numeric character references decoded, and CDATA sections
 * taken literally. A DOCTYPE is skipped and its entities never expanded, so no input can make the
 * parser fetch anything or grow a small document into a large one. Malformed input throws.
 */

export interface XmlElement {
  /** Local name: `s3:Key` and `Key` both read `Key`. */
  readonly name: string;
  readonly children: XmlElement[];
  /** The element's own character data, concatenated (children's text excluded). */
  text: string;
}

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g;

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** Index just past `terminator` at or after `from`; throws if it never comes. */
function skipPast(source: string, from: number, terminator: string, what: string): number {
  const at = source.indexOf(terminator, from);
  if (at < 0) throw new XmlSyntaxError(`Unterminated ${what} at offset ${from}`);
  return at + terminator.length;
}

/** Index just past the '>' closing a start tag, skipping quoted attribute values. */
function tagEnd(source: string, from: number): number {
  let quote = '';
  for (let i = from; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i + 1;
    }
  }
  throw new XmlSyntaxError(`Unterminated tag at offset ${from}`);
}

/** Index just past a <!DOCTYPE ...> declaration, internal subset included. */
function doctypeEnd(source: string, from: number): number {
  let depth = 0;
  for (let i = from; i < source.length; i++) {
    const c = source[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return i + 1;
  }
  throw new XmlSyntaxError(`Unterminated DOCTYPE at offset ${from}`);
}

/** The document's root element. */
export function parseXml(input: string): XmlElement {
  // XML reads every CR LF and lone CR as LF before parsing (XML 1.0, 2.11).
  const source = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const addText = (text: string, at: number): void => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
    else if (text.trim() !== '') throw new XmlSyntaxError(`Text outside the root element at offset ${at}`);
  };
  while (i < source.length) {
    if (source[i] !== '<') {
      const next = source.indexOf('<', i);
      const end = next < 0 ? source.length : next;
      addText(decodeEntities(source.slice(i, end)), i);
      i = end;
    } else if (source.startsWith('<?', i)) {
      i = skipPast(source, i + 2, '?>', 'processing instruction');
    } else if (source.startsWith('<!--', i)) {
      i = skipPast(source, i + 4, '-->', 'comment');
    } else if (source.startsWith('<![CDATA[', i)) {
      const end = skipPast(source, i + 9, ']]>', 'CDATA section');
      addText(source.slice(i + 9, end - 3), i);
      i = end;
    } else if (source.startsWith('<!', i)) {
      i = doctypeEnd(source, i + 2);
    } else if (source.startsWith('</', i)) {
      const end = skipPast(source, i + 2, '>', 'end tag');
      const name = localName(source.slice(i + 2, end - 1).trim());
      const open = stack.pop();
      if (!open || open.name !== name) {
        throw new XmlSyntaxError(
          `Unexpected </${name}> at offset ${i}${open ? ` (open: <${open.name}>)` : ''}`,
        );
      }
      i = end;
    } else {
      const end = tagEnd(source, i + 1);
      const inner = source.slice(i + 1, end - 1);
      const selfClosing = inner.endsWith('/');
      const qualified = /^[^\s/>]+/.exec(inner)?.[0];
      if (!qualified) throw new XmlSyntaxError(`Empty tag name at offset ${i}`);
      const element: XmlElement = { name: localName(qualified), children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) throw new XmlSyntaxError(`Second root element <${element.name}> at offset ${i}`);
      else root = element;
      if (!selfClosing) stack.push(element);
      i = end;
    }
  }
  const open = stack[stack.length - 1];
  if (open) throw new XmlSyntaxError(`Unclosed <${open.name}> at end of document`);
  if (!root) throw new XmlSyntaxError('No root element');
  return root;
}

export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** The text of the first child named `name`, or undefined if there is none. */
export function childText(element: XmlElement, name: string): string | undefined {
  return element.children.find((c) => c.name === name)?.text;
}
