/**
 * Every word on the site lives in content/ and is validated here, so a typo in a YAML file
 * fails the build with a message instead of shipping a broken page.
 */
import { defineCollection } from "astro:content";
import { file, glob, type Loader } from "astro/loaders";
import {
  actionGuideSchema,
  actionSchema,
  benefitSchema,
  faqSchema,
  pageSchema,
  publicSignatorySchema,
  siteSchema,
} from "./content-schemas";
import { publicWallSourceFrom, readPublicSignatories } from "./wall/public-signatories";

/** The signatory wall, read at build time from the database's public read path only. */
const publicSignatories: Loader = {
  name: "public-signatories",
  load: async ({ store, parseData, logger }) => {
    const rows = await readPublicSignatories(publicWallSourceFrom((name) => process.env[name] || undefined));
    store.clear();
    for (const row of rows) store.set({ id: row.id, data: await parseData({ id: row.id, data: { ...row } }) });
    logger.info(`${rows.length} public signatories`);
  },
};

export const collections = {
  site: defineCollection({ loader: file("content/site.yaml"), schema: siteSchema }),
  benefits: defineCollection({ loader: file("content/benefits.json"), schema: benefitSchema }),
  actions: defineCollection({ loader: file("content/actions.json"), schema: actionSchema }),
  actionGuides: defineCollection({ loader: file("content/action-guides.yaml"), schema: actionGuideSchema }),
  faq: defineCollection({ loader: file("content/faq.yaml"), schema: faqSchema }),
  signatories: defineCollection({ loader: publicSignatories, schema: publicSignatorySchema }),
  pages: defineCollection({ loader: glob({ pattern: "*.mdx", base: "content/pages" }), schema: pageSchema }),
};
