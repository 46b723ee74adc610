/**
 * A signatory's badge (/signatory/<id>/badge.svg): its level, since when, and the charter's name,
 * small enough to put on an organisation's own website, where it links back to the signatory's
 * page so anyone can check it. A lapsed signatory's badge is grey and says when it was last
 * updated; a withdrawn one's is grey and says it is a former signatory. Every stored value goes through escapeXml, as in the feed: the file is served from the
 * site's own address, so a name must never become markup.
 */
import { escapeXml } from "../xml.ts";

export interface BadgeText {
  /** The accessible name, as the <title>. */
  title: string;
  /** The charter's short name, in the badge's top band. */
  charter: string;
  level: string;
  /** "since 3 March 2027", "not updated since …" when lapsed, or "withdrew on …". */
  detail: string;
  /** Lapsed or withdrawn: the badge no longer vouches for a current level. */
  grey: boolean;
}

export const badgeSize = { width: 280, height: 80 } as const;

// The site's brand colour (GOV.UK teal, shade 25) and, when lapsed or withdrawn, GOV.UK's dark
// grey: white text on either, and either on white, passes WCAG AA.
const colours = {
  current: { band: "#106165", text: "#0b0c0c", background: "#ffffff" },
  grey: { band: "#505a5f", text: "#505a5f", background: "#f3f2f1" },
};

const font = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

export function badgeSvg(badge: BadgeText): string {
  const { width, height } = badgeSize;
  const colour = badge.grey ? colours.grey : colours.current;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="badge-title">
<title id="badge-title">${escapeXml(badge.title)}</title>
<rect x="1" y="1" width="${width - 2}" height="${height - 2}" rx="4" fill="${colour.background}" stroke="${colour.band}" stroke-width="2"/>
<path d="M1 5a4 4 0 0 1 4-4h${width - 10}a4 4 0 0 1 4 4v21H1z" fill="${colour.band}"/>
<g font-family="${font}">
<text x="12" y="18" font-size="13" font-weight="700" fill="#ffffff">${escapeXml(badge.charter)}</text>
<text x="12" y="52" font-size="22" font-weight="700" fill="${colour.text}">${escapeXml(badge.level)}</text>
<text x="12" y="70" font-size="13" fill="${colour.text}">${escapeXml(badge.detail)}</text>
</g>
</svg>
`;
}
