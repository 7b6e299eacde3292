// A small HTML tokenizer for the tests: every start tag with its attributes, and the decoded
// text. It follows the browser's rules where injection would matter (a `<` followed by a letter
// opens a tag, attributes may be unquoted), so markup smuggled into a value shows up as a tag.

export interface Attribute {
  name: string;
  value: string;
}

export interface StartTag {
  name: string;
  attributes: Attribute[];
  /** Text up to the matching end tag, for raw-text elements (script, style). */
  rawText?: string;
}

export interface Tokens {
  tags: StartTag[];
  /** Decoded text nodes, joined with newlines. */
  text: string;
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return NAMED[body] ?? whole;
  });
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

export function tokenize(html: string): Tokens {
  const tags: StartTag[] = [];
  const texts: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      texts.push(decodeEntities(html.slice(i)));
      break;
    }
    if (lt > i) texts.push(decodeEntities(html.slice(i, lt)));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith('<!', lt) || html.startsWith('<?', lt)) {
      const end = html.indexOf('>', lt);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    if (html[lt + 1] === '/' && /[A-Za-z]/.test(html[lt + 2] ?? '')) {
      const end = html.indexOf('>', lt);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(html[lt + 1] ?? '')) {
      texts.push('<');
      i = lt + 1;
      continue;
    }
    // Start tag.
    let j = lt + 1;
    while (j < html.length && !/[\s/>]/.test(html[j])) j += 1;
    const tag: StartTag = { name: html.slice(lt + 1, j).toLowerCase(), attributes: [] };
    for (;;) {
      while (j < html.length && /[\s/]/.test(html[j])) j += 1;
      if (j >= html.length || html[j] === '>') {
        j += 1;
        break;
      }
      const nameStart = j;
      while (j < html.length && !/[\s/>=]/.test(html[j])) j += 1;
      const name = html.slice(nameStart, j).toLowerCase();
      while (j < html.length && /\s/.test(html[j])) j += 1;
      let value = '';
      if (html[j] === '=') {
        j += 1;
        while (j < html.length && /\s/.test(html[j])) j += 1;
        const quote = html[j];
        if (quote === '"' || quote === "'") {
          const close = html.indexOf(quote, j + 1);
          const end = close < 0 ? html.length : close;
          value = html.slice(j + 1, end);
          j = end + 1;
        } else {
          const valueStart = j;
          while (j < html.length && !/[\s>]/.test(html[j])) j += 1;
          value = html.slice(valueStart, j);
        }
      }
      tag.attributes.push({ name, value: decodeEntities(value) });
    }
    tags.push(tag);
    if (RAW_TEXT.has(tag.name)) {
      const close = html.toLowerCase().indexOf(`</${tag.name}`, j);
      const end = close < 0 ? html.length : close;
      tag.rawText = html.slice(j, end);
      texts.push(decodeEntities(tag.rawText));
      i = end;
      continue;
    }
    i = j;
  }
  return { tags, text: texts.join('\n') };
}

export function attribute(tag: StartTag, name: string): string | undefined {
  return tag.attributes.find((candidate) => candidate.name === name)?.value;
}
