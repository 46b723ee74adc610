/**
 * Every word on the site lives in content/ and is validated here, so a typo in a YAML file
 * fails the build with a message instead of shipping a broken page.
 */
import { defineCollection } from "astro:content";
import { file, glob } from "astro/loaders";
import { actionGuideSchema, actionSchema, benefitSchema, faqSchema, pageSchema, siteSchema } from "./content-schemas";

export const collections = {
  site: defineCollection({ loader: file("content/site.yaml"), schema: siteSchema }),
  benefits: defineCollection({ loader: file("content/benefits.json"), schema: benefitSchema }),
  actions: defineCollection({ loader: file("content/actions.json"), schema: actionSchema }),
  actionGuides: defineCollection({ loader: file("content/action-guides.yaml"), schema: actionGuideSchema }),
  faq: defineCollection({ loader: file("content/faq.yaml"), schema: faqSchema }),
  pages: defineCollection({ loader: glob({ pattern: "*.mdx", base: "content/pages" }), schema: pageSchema }),
};
