export interface ParsedMessage {
  subject: string;
  from: string;
  to: string;
  text: string;
  html: string;
}

/**
 * Just enough MIME for the messages nodemailer writes (a multipart/alternative with a text and an
 * HTML part, quoted-printable, base64 or 7bit): the tests must read the link as a mail client would,
 * not grep the raw source where quoted-printable has turned every `=` into `=3D`.
 */
export function parseMessage(raw: string): ParsedMessage {
  const { headers, body } = splitPart(raw);
  const parts = multipartParts(headers, body);
  const partOf = (type: string) => parts.find((part) => (part.headers['content-type'] ?? 'text/plain').startsWith(type));
  const text = partOf('text/plain');
  const html = partOf('text/html');
  return {
    subject: headers['subject'] ?? '',
    from: headers['from'] ?? '',
    to: headers['to'] ?? '',
    text: text ? decodeBody(text) : '',
    html: html ? decodeBody(html) : '',
  };
}

interface Part {
  headers: Record<string, string>;
  body: string;
}

function splitPart(raw: string): Part {
  const normalised = raw.replace(/\r\n/g, '\n');
  const end = normalised.indexOf('\n\n');
  const headerBlock = end === -1 ? normalised : normalised.slice(0, end);
  const body = end === -1 ? '' : normalised.slice(end + 2);
  const headers: Record<string, string> = {};
  // Folded header lines continue with whitespace.
  for (const line of headerBlock.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function multipartParts(headers: Record<string, string>, body: string): Part[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (!boundary) return [{ headers, body }];
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((section) => !section.startsWith('--'))
    .map((section) => splitPart(section.replace(/^\n/, '')))
    .flatMap((part) => multipartParts(part.headers, part.body));
}

function decodeBody(part: Part): string {
  const encoding = (part.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = part.body.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8').trimEnd();
  }
  return part.body.trimEnd();
}
