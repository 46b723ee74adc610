/**
 * Text inside XML, for the Atom feed. XML 1.0 has no way at all to write some characters, not
 * even as a reference: most C0 control characters, U+FFFE, U+FFFF and half a surrogate pair.
 * One of them in a stored name would make the whole feed unreadable to every reader, so they are
 * left out; everything else is escaped. Carriage returns, line feeds and tabs are written as
 * references, because a parser changes literal ones (into a line feed, or in an attribute a space).
 */

// With the u flag, a surrogate in a class matches only a lone one: pairs are read as one character.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to remove
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;

const references: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\r": "&#13;",
  "\n": "&#10;",
  "\t": "&#9;",
};

/** The text without the characters XML 1.0 cannot hold. */
export const xmlCharacters = (text: string): string => text.replace(notXml, "");

/** Text as XML character data or an attribute value; it reads back as it was, less what XML cannot hold. */
export const escapeXml = (text: string): string =>
  xmlCharacters(text).replace(/[&<>"'\r\n\t]/g, (character) => references[character] ?? character);
