import { describe, expect, it } from 'vitest';
import { XmlSyntaxError, childElements, childText, parseXml } from '../../lib/storage/s3-xml.js';

describe('parseXml', () => {
  it('reads a ListObjectsV2 page: namespaces, declarations, comments, nesting', () => {
    // Prepare
    const xml = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment with <tags> -->
<s3:ListBucketResult xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/" note='a > b'>
  <s3:Contents><s3:Key>one</s3:Key><s3:Size>3</s3:Size></s3:Contents>
  <Contents><Key>two</Key><Owner/></Contents>
  <IsTruncated>false</IsTruncated>
</s3:ListBucketResult>`;
    // Act
    const root = parseXml(xml);
    // Assess
    expect(root.name).toBe('ListBucketResult');
    expect(childElements(root, 'Contents').map((c) => childText(c, 'Key'))).toEqual(['one', 'two']);
    expect(childText(root, 'IsTruncated')).toBe('false');
    expect(childText(root, 'Missing')).toBeUndefined();
  });

  it('decodes entities and character references and keeps CDATA and whitespace as they are', () => {
    // Act
    const root = parseXml(
      '<K> a&amp;b&lt;c&gt;d&quot;e&apos;f&#233;&#x1F600;&#13;<![CDATA[<&amp;>]]>&unknown; </K>',
    );
    // Assess
    expect(root.text).toBe(' a&b<c>d"e\'fé😀\r<&amp;>&unknown; ');
  });

  it('reads CR LF and a lone CR as LF, as XML does', () => {
    // Act / Assess
    expect(parseXml('<K>a\r\nb\rc</K>').text).toBe('a\nb\nc');
  });

  it('skips a DOCTYPE and never expands the entities it declares', () => {
    // Prepare
    const xml = `<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><r>&b;</r>`;
    // Act / Assess
    expect(parseXml(xml).text).toBe('&b;');
  });

  it.each([
    ['an unclosed element', '<a><b></b>'],
    ['a mismatched end tag', '<a></b>'],
    ['text outside the root', 'oops<a/>'],
    ['two roots', '<a/><b/>'],
    ['no root at all', '<?xml version="1.0"?>'],
    ['an unterminated tag', '<a attr="x'],
    ['an unterminated comment', '<a><!-- </a>'],
    ['an empty tag name', '<>x</>'],
  ])('throws XmlSyntaxError for %s', (_label, xml) => {
    // Act / Assess
    expect(() => parseXml(xml)).toThrow(XmlSyntaxError);
  });
});
