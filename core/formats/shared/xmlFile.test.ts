import { describe, expect, it } from 'vitest';
import { formatErrorOf } from './formatErrorOf';
import { MAX_ENTITY_CHARS } from './xmlDoctype';
import { childText, MAX_XML_DEPTH, parseXmlFile, xmlAttr, xmlChild, xmlChildren } from './xmlFile';

const parse = (content: string, arrayTags: string[] = []) => parseXmlFile({ path: 'a.xml', content }, arrayTags);

const refusalOf = (content: string) => formatErrorOf(() => parse(content));

const withDoctype = (subset: string, body = '<r>x</r>') => `<?xml version="1.0"?>\n<!DOCTYPE r [\n${subset}\n]>\n${body}`;

describe('parseXmlFile: character and entity references', () => {
  it('decodes numeric character references, as Python writes non-ASCII names in us-ascii XML', () => {
    const root = parse(
      "<?xml version='1.0' encoding='us-ascii'?>\n<annotation><object><name>&#1050;&#1086;&#1090;</name><label name=\"&#x41A;&#x43E;&#x442;\"/></object></annotation>",
    );
    const object = xmlChild(xmlChild(root, 'annotation'), 'object');
    expect(childText(object, 'name')).toBe('Кот');
    expect(xmlAttr(xmlChild(object, 'label'), 'name')).toBe('Кот');
  });

  it('decodes the five predefined entities once (&amp;#65; stays the text "&#65;")', () => {
    const root = parse('<r a="&quot;q&quot; &apos;a&apos;">&lt;b&gt; &amp; &amp;#65; &#128512;</r>');
    expect(xmlAttr(xmlChild(root, 'r'), 'a')).toBe('"q" \'a\'');
    expect(childText(root, 'r')).toBe('<b> & &#65; 😀');
  });

  it('uses short internal entities the DOCTYPE declares', () => {
    const root = parse(withDoctype('<!ENTITY veh "vehicle &#1050;">', '<r><name>&veh;</name></r>'));
    expect(childText(xmlChild(root, 'r'), 'name')).toBe('vehicle К');
  });
});

describe('parseXmlFile: DOCTYPEs it refuses', () => {
  it('refuses an external entity (XXE) at its line', () => {
    const e = refusalOf(withDoctype('<!ENTITY xxe SYSTEM "file:///etc/passwd">', '<r>&xxe;</r>'));
    expect(e.location).toBe('line 3');
    expect(e.reason).toMatch(/external entities are not allowed/);
  });

  it('is not fooled by a DOCTYPE written inside a comment before the real one', () => {
    const content = `<?xml version="1.0"?>\n<!-- <!DOCTYPE decoy> -->\n<!DOCTYPE r [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n<r>&xxe;</r>`;
    const e = refusalOf(content);
    expect(e.location).toBe('line 4');
    expect(e.reason).toMatch(/external entities are not allowed/);
  });

  it('refuses a DOCTYPE after the root element has started', () => {
    expect(refusalOf('<r>\n<!DOCTYPE r [<!ENTITY a "b">]>\n</r>').reason).toMatch(/only allowed before the root element/);
  });

  it('refuses a PUBLIC external entity', () => {
    expect(refusalOf(withDoctype('<!ENTITY ext PUBLIC "-//x//EN" "http://example.com/x.dtd">')).reason).toMatch(/external entities are not allowed/);
  });

  it('refuses parameter entities', () => {
    const e = refusalOf(withDoctype('<!ENTITY % p "<!ENTITY x \'y\'>">\n%p;'));
    expect(e.reason).toMatch(/parameter entities are not allowed/);
  });

  it('refuses a billion-laughs bomb (entities that refer to entities)', () => {
    const levels = ['<!ENTITY lol "lol">'];
    for (let k = 1; k <= 9; k++) levels.push(`<!ENTITY lol${k} "${`&lol${k === 1 ? '' : k - 1};`.repeat(10)}">`);
    const e = refusalOf(withDoctype(levels.join('\n'), '<r>&lol9;</r>'));
    expect(e.location).toBe('line 4');
    expect(e.reason).toMatch(/refer to other entities are not allowed/);
  });

  it('refuses an oversized entity value', () => {
    const e = refusalOf(withDoctype(`<!ENTITY big "${'x'.repeat(MAX_ENTITY_CHARS + 1)}">`));
    expect(e.reason).toMatch(/characters long; at most/);
  });

  it('refuses a flat entity used often enough to expand past the bound', () => {
    const body = `<r>${'&big;'.repeat(2000)}</r>`;
    const e = refusalOf(withDoctype(`<!ENTITY big "${'x'.repeat(MAX_ENTITY_CHARS)}">`, body));
    expect(e.location).toBe('line 3');
    expect(e.reason).toMatch(/entity-expansion attack/);
  });
});

describe('parseXmlFile: broken files', () => {
  it('names the line of a mismatched tag', () => {
    const e = refusalOf('<annotations>\n<image>\n</box>\n</annotations>');
    expect(e.location).toBe('line 3');
  });

  it('keeps the message short when 100,000 tags are left open', () => {
    const e = refusalOf(`<annotations>\n${'<image id="1">\n'.repeat(100_000)}`);
    expect(e.message.length).toBeLessThanOrEqual(400);
    expect(e.reason).toMatch(/100,001 elements not closed: <annotations>, <image>, <image>, …, <image>/);
    expect(e.location).toBe('line 100002');
  });

  it('turns a parser failure (nesting past its limit) into a FormatError', () => {
    const depth = MAX_XML_DEPTH * 2;
    const e = refusalOf(`${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`);
    expect(e.reason).toBe(`invalid XML: elements nested more than ${MAX_XML_DEPTH} levels deep`);
    expect(e.message.length).toBeLessThanOrEqual(400);
  });

  it('still reads a valid file with repeated elements as arrays', () => {
    const root = parse('<annotations><image name="a"/><image name="b"/></annotations>', ['image']);
    expect(xmlChildren(xmlChild(root, 'annotations'), 'image').map((i) => xmlAttr(i, 'name'))).toEqual(['a', 'b']);
  });
});
