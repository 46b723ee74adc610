/**
 * The shape of every kind of content in content/. Kept apart from content.config.ts so the same
 * schemas validate the files in tests without starting Astro.
 */
import { z } from "zod";

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "ids are lower-case words joined by hyphens");
const paragraphs = z.array(z.string().min(1)).min(1);
const internalOrExternalHref = z.string().regex(/^(\/|https:\/\/|mailto:)/, "links start with /, https:// or mailto:");
const link = z.object({ text: z.string().min(1), href: internalOrExternalHref });

export const benefitIds = ["fairer-society", "resilient-economy"] as const;
export const benefitIdSchema = z.enum(benefitIds);

export const siteSchema = z.object({
  name: z.string(),
  shortName: z.string(),
  council: z.string(),
  description: z.string(),
  contact: z.object({
    team: z.string(),
    email: z.email(),
    phone: z.string(),
    address: z.array(z.string()).min(1),
    councilWebsite: z.url(),
  }),
  navigation: z.array(link).min(1),
  footerLinks: z.array(link).min(1),
  /** The words the page templates use around the content. */
  labels: z.object({
    skipLink: z.string(),
    mainNavigation: z.string(),
    breadcrumbs: z.string(),
    home: z.string(),
    footerHeading: z.string(),
    licence: z.object({ before: z.string(), linkText: z.string(), after: z.string() }),
    homeBenefitsHeading: z.string(),
    /** The wall's totals (src/wall/public-totals.ts), wherever they are said. */
    totals: z.object({
      none: z.string(),
      pledges: z.string().includes("{pledges}"),
      fewerThanFive: z.string(),
      named: z.string().includes("{named}"),
      noneNamed: z.string(),
      sentence: z.string().includes("{pledges}").includes("{named}"),
    }),
    homeSignatories: z.object({ link: z.string() }),
    callToAction: z.object({ heading: z.string(), actionHeading: z.string(), text: z.string(), button: z.string() }),
    actions: z.object({
      mightInclude: z.string(),
      whatItMeans: z.string(),
      whyItMatters: z.string(),
      firstSteps: z.string(),
      forBusiness: z.string(),
      forCommunityGroup: z.string(),
      forResident: z.string(),
      ideas: z.string(),
      previous: z.string(),
      next: z.string(),
      otherActions: z.string(),
    }),
    faq: z.object({
      contents: z.string(),
      /** The headings the questions are grouped under, each with its questions' ids, in page order. */
      groups: z.array(z.object({ id: slug, heading: z.string().min(1), questions: z.array(slug).min(1) })).min(1),
    }),
    /** The link-preview image (og:image): its alt text around the totals. */
    shareImage: z.object({ alt: z.string().includes("{total}") }),
    progress: z.object({
      total: z.string(),
      named: z.string(),
      actionsPledged: z.string(),
      fewerThan: z.string(),
      growth: z.string(),
      month: z.string(),
      runningTotal: z.string(),
      byBenefit: z.string(),
      byAction: z.string(),
      byKind: z.string(),
      byArea: z.string(),
      category: z.string(),
      pledges: z.string(),
      noneYet: z.string(),
    }),
    wall: z.object({
      newest: z.string(),
      alphabetical: z.string(),
      sortedBy: z.string(),
      filterHeading: z.string(),
      combine: z.object({
        heading: z.string(),
        any: z.string(),
        apply: z.string(),
        clear: z.string(),
        loading: z.string(),
        matchNone: z.string(),
        matchOne: z.string(),
        matchSome: z.string().includes("{count}"),
        failed: z.string(),
        singleFilters: z.string(),
      }),
      filters: z.object({ kind: z.string(), benefit: z.string(), action: z.string(), area: z.string() }),
      allSignatories: z.string(),
      none: z.string(),
      showing: z.string(),
      kind: z.string(),
      area: z.string(),
      website: z.string(),
      actions: z.string(),
      ownWords: z.string(),
      targetDate: z.string(),
      listedOn: z.string(),
      previous: z.string(),
      next: z.string(),
      pagination: z.string(),
      pageOf: z.string(),
      openDataHeading: z.string(),
      openDataText: z.string(),
      csv: z.string(),
      json: z.string(),
      feed: z.string(),
      backToWall: z.string(),
    }),
  }),
});

export const benefitSchema = z.object({
  id: benefitIdSchema,
  title: z.string(),
  statement: z.string(),
  summary: z.string(),
  order: z.number().int(),
});

/** The charter's own list of actions: what a pledge names, kept small so the form can load it. */
export const actionSchema = z.object({
  id: slug,
  order: z.number().int().min(1).max(11),
  benefit: benefitIdSchema,
  title: z.string(),
});

/** The plain-English guide to one action, keyed by the action's id. */
export const actionGuideSchema = z.object({
  id: slug,
  summary: z.string().max(200),
  explanation: paragraphs,
  whyItMatters: paragraphs,
  firstSteps: z.object({
    business: z.array(z.string()).min(2),
    communityGroup: z.array(z.string()).min(2),
    resident: z.array(z.string()).min(2),
  }),
  ideasForStevenage: z.array(z.string()).min(1),
});

export const faqSchema = z.object({
  id: slug,
  question: z.string().min(5).endsWith("?"),
  answer: paragraphs,
  related: z.array(link).default([]),
});

export const charterSchema = z.object({
  title: z.string(),
  version: z.string(),
  adopted: z.iso.date(),
  sourceUrl: z.url(),
});

/** A signatory as the public wall shows it: only what the public_signatories view exposes. */
export const publicSignatorySchema = z.object({
  id: z.uuid(),
  name: z.string().min(1),
  kind: z.string(),
  ward: z.string().nullable(),
  website: z.string().nullable(),
  actions: z.array(z.string()),
  commitment: z.string().nullable(),
  target_date: z.string().nullable(),
  listed_at: z.string(),
});

export const pageSchema = z.object({
  title: z.string(),
  description: z.string().min(20).max(200),
  lead: z.string().optional(),
  updated: z.coerce.date().optional(),
});
