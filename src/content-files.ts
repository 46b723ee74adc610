/**
 * Every file in content/ and the schema it must pass. The collections in content.config.ts and
 * the JSON the functions import are all held to this table: the build checks each file before it
 * starts (src/integrations/content-check.ts), and so does tests/unit/content-files.test.ts, which
 * also refuses a file the table does not name. A message names the file and the field.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { load as loadYaml } from "js-yaml";
import { type ZodType, z } from "zod";
import {
  actionGuideSchema,
  actionSchema,
  benefitSchema,
  charterSchema,
  faqSchema,
  pageSchema,
  siteSchema,
} from "./content-schemas.ts";
import { placeholdersIn } from "./fill-template.ts";
import { emailPlaceholders } from "./notify/email-placeholders.ts";
import { listingChoicesSchema } from "./pledge/listing-choices.ts";
import { levelsFileSchema } from "./wall/level-rules.ts";

const text = (max: number) => z.string().trim().min(1).max(max);
const sentence = text(400);
const paragraphs = z.array(z.string().trim().min(1).max(600)).min(1);
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "ids are lower-case words joined by hyphens");

/** Uses no placeholder but those given: a sentence shown before anything can fill it. */
const withOnly = (allowed: readonly string[], schema: z.ZodString = sentence) =>
  schema.superRefine((value, context) => {
    const unknown = placeholdersIn(value).filter((name) => !allowed.includes(name));
    if (unknown.length === 0) return;
    const may = allowed.map((name) => `{${name}}`).join(", ") || "none";
    context.addIssue({
      code: "custom",
      message: `uses ${unknown.map((name) => `{${name}}`).join(", ")}, which this message is not given (it may use ${may})`,
    });
  });

// An inbox cuts a long subject short, so the reference at its end would be lost.
const email = (allowed: readonly string[]) =>
  z.strictObject({ subject: withOnly(allowed, text(100)), body: z.array(withOnly(allowed, text(600))).min(1) });

// Strict: a new e-mail must be added here with the placeholders it is given.
export const emailsSchema = z.strictObject({
  receipt: email(emailPlaceholders.receipt),
  confirmCode: email(emailPlaceholders.confirmCode),
  confirmReminder: email(emailPlaceholders.confirmReminder),
  approved: email(emailPlaceholders.approved).extend({
    listedByName: withOnly(emailPlaceholders.approvedListing),
    countedOnly: withOnly(emailPlaceholders.approvedListing),
  }),
  duplicate: email(emailPlaceholders.duplicate),
  withdrawn: email(emailPlaceholders.withdrawn),
  manageLink: email(emailPlaceholders.manageLink),
  addressCode: email(emailPlaceholders.addressCode),
  addressChanged: email(emailPlaceholders.addressChanged),
  changeApproved: email(emailPlaceholders.changeApproved),
  changeRejected: email(emailPlaceholders.changeRejected),
  checkInDue: email(emailPlaceholders.checkInDue),
  councilNewPledge: email(emailPlaceholders.councilNewPledge),
  councilChangeWaiting: email(emailPlaceholders.councilChangeWaiting),
  councilSetAside: email(emailPlaceholders.councilSetAside),
  officerSignInCode: email(emailPlaceholders.officerSignInCode),
});

// A ward or a kind is a radio or option label and a filter on the wall: long names wrap badly.
export const wardsSchema = z
  .array(z.object({ id: slug, name: text(60) }))
  .min(1)
  .refine((list) => new Set(list.map((ward) => ward.id)).size === list.length, "two wards have the same id");

export const organisationKindsSchema = z
  .array(z.object({ id: slug, name: text(60), hint: text(120).optional() }))
  .min(1)
  .refine((list) => new Set(list.map((kind) => kind.id)).size === list.length, "two kinds have the same id");

export const retentionSchema = z.object({
  unconfirmedReminderDays: z.number().int().positive(),
  unconfirmedDeleteDays: z.number().int().positive(),
  rejectedContactDays: z.number().int().positive(),
  withdrawnContactDays: z.number().int().positive(),
  reviewYears: z.number().int().positive(),
});

const label = z.object({ label: text(120), hint: text(300).optional() });
const legend = z.object({ legend: text(120), hint: text(300).optional() });

export const pledgeFormSchema = z.object({
  title: text(65),
  errorSummaryTitle: text(60),
  errorPrefix: text(20),
  optional: text(30),
  sections: z.record(z.string(), text(60)),
  fields: z.object({
    kind: legend,
    name: label,
    ward: label.extend({ choose: text(60) }),
    website: label,
    actions: legend,
    commitment: label,
    targetDate: legend.extend({ day: text(20), month: text(20), year: text(20) }),
    contactName: label,
    email: label,
    listing: legend.extend({
      options: z.record(z.string(), z.object({ label: text(80), hint: text(400) })),
    }),
    privacy: z.object({ label: text(200), linkText: text(80) }),
  }),
  honeypotLabel: text(60),
  continueButton: text(40),
  check: z.object({
    title: text(65),
    change: text(30),
    empty: text(30),
    listingHeading: text(60),
    declaration: sentence,
    sendButton: text(40),
    rows: z.record(z.string(), text(40)),
  }),
  problems: z.record(z.string(), sentence),
  confirmationPath: z.string().regex(/^\/[\w/-]*\/$/, "a path on this site, like /pledge/confirmation/"),
});

export const pledgeConfirmationSchema = z.object({
  title: text(65),
  description: text(200),
  panel: text(120),
  nextHeading: text(60),
  next: paragraphs,
  changeHeading: text(60),
  change: sentence,
  manageLinkText: text(80),
  contactLinkText: text(80),
  confirmLinkText: text(80),
});

const titled = (allowed: readonly string[]) => z.object({ title: text(65), body: withOnly(allowed) });

export const pledgeWithdrawalSchema = z.object({
  title: text(65),
  description: text(200),
  intro: paragraphs,
  contactLinkText: text(80),
  /** Recorded in the pledge's history as the reason, where officers read it. */
  historyReason: text(120),
  confirm: z.object({
    title: text(65),
    summary: withOnly(["reference", "name"]),
    pending: sentence,
    approved: sentence,
    button: text(40),
    keep: sentence,
  }),
  withdrawn: titled(["reference"]).extend({ erase: sentence }),
  alreadyWithdrawn: titled(["reference"]),
  notListed: titled(["reference"]),
  invalidLink: titled([]),
  problems: z.record(z.string(), withOnly([])),
});

/** The message for each answer: limits are filled in as {max}, and the date's as {parts} and {years}. */
export const pledgeErrorsSchema = z.object({
  messages: z
    .record(z.string(), withOnly(["max", "parts", "years"], text(160)))
    .refine((messages) => Object.keys(messages).length > 0, "no messages"),
  dateParts: z.object({ day: text(20), month: text(20), year: text(20) }),
  partsJoiner: z.string().min(1).max(10),
});

// The command's words: {placeholders} are checked where they are filled (officer-view.ts).
export const pledgesCliSchema = z
  .record(z.string(), z.union([z.string().min(1), z.record(z.string(), z.string().min(1))]))
  .refine((words) => typeof words.usage === "string", "usage is missing");

// Strict: each message of scripts/officers.ts may use only the placeholders the command fills in.
export const officersCliSchema = z.strictObject({
  usage: withOnly([], text(1000)),
  noAddress: withOnly([]),
  badAddress: withOnly(["address"]),
  noName: withOnly(["email"]),
  actorNeeded: withOnly([]),
  added: withOnly(["email", "name", "actor"]),
  alreadyListed: withOnly(["email"]),
  removed: withOnly(["email", "actor"]),
  notListed: withOnly(["email"]),
  listCount: withOnly(["count"]),
  listEmpty: withOnly([]),
  refused: withOnly(["reason"]),
  labels: z.strictObject({ email: text(30), name: text(30), addedAt: text(30), addedBy: text(30) }),
});

// The impact page's words, and what the home page and the share image say once commitments are done.
const impactChart = z.strictObject({ heading: text(80), row: text(40), category: text(40) });
export const impactSchema = z.strictObject({
  title: text(65),
  description: text(200),
  lead: sentence,
  intro: paragraphs,
  noneYet: sentence,
  chartNoneYet: sentence,
  fewerThan: text(30),
  statuses: z.strictObject({ planned: text(30), started: text(30), done: text(30), dropped: text(30) }),
  key: text(30),
  chartDescription: withOnly(["row"]),
  ownWords: text(60),
  charts: z.strictObject({
    all: z.strictObject({ heading: text(80) }),
    byBenefit: impactChart,
    byAction: impactChart,
    byArea: impactChart,
    byQuarter: impactChart.extend({ text: sentence, unfinished: withOnly(["date"], text(60).includes("{date}")) }),
  }),
  subjects: z.strictObject({
    heading: text(80),
    text: sentence,
    page: z.strictObject({
      title: withOnly(["name"], text(40).includes("{name}")),
      description: withOnly(["name"], text(120).includes("{name}")),
      lead: z.strictObject({ benefit: withOnly([]), action: withOnly([]) }),
      intro: withOnly([]),
      total: text(80),
      noneYet: withOnly([]),
    }),
  }),
  progressLink: text(120),
  home: z.strictObject({ done: withOnly(["done"], text(80).includes("{done}")), link: text(80) }),
  shareImage: z.strictObject({ done: withOnly(["done"], text(40).includes("{done}")) }),
});

// The console's words: a tree of sentences, each short enough for a label or a banner. The
// sections the console's pages read are required; their {placeholders} are checked where filled.
type WordsTree = { [key: string]: string | WordsTree };
const wordsTree: z.ZodType<WordsTree> = z.lazy(() => z.record(z.string(), z.union([text(300), wordsTree])));
export const officerConsoleSchema = z
  .object({
    signIn: wordsTree,
    overview: wordsTree,
    queue: wordsTree,
    pledge: wordsTree,
    decide: wordsTree,
    take: wordsTree,
    setAside: wordsTree,
    statuses: z.strictObject({
      unconfirmed: text(40),
      pending: text(40),
      approved: text(40),
      rejected: text(40),
      withdrawn: text(40),
    }),
    channels: z.strictObject({ online: text(40), assisted: text(40), paper: text(40) }),
    rejectionReasons: z.record(slug, text(80)).refine((reasons) => Object.keys(reasons).length > 0, "no reasons"),
  })
  .catchall(z.union([text(300), wordsTree]));

export const pledgeConfirmSchema = z.strictObject({
  title: text(80),
  description: text(200),
  intro: z.array(sentence).min(1),
  referenceLabel: text(80),
  referenceHint: sentence,
  codeLabel: text(80),
  codeHint: sentence,
  confirmButton: text(40),
  link: z.strictObject({
    title: text(80),
    summary: withOnly(["reference"], text(80)),
    text: sentence,
    notYours: withOnly(["deleteDays"], sentence),
  }),
  resend: z.strictObject({
    heading: text(80),
    text: sentence,
    button: text(40),
    title: text(80),
    sent: withOnly(["reference"], sentence),
  }),
  confirmed: z.strictObject({ title: text(80), body: withOnly(["reference"], sentence), next: sentence }),
  already: z.strictObject({ title: text(80), body: withOnly(["reference"], sentence) }),
  invalidLink: z.strictObject({ title: text(80), body: sentence }),
  contactLinkText: text(80),
  problems: z.strictObject({
    reference: sentence,
    code: sentence,
    wrongCode: sentence,
    rateLimited: withOnly(["minutes"], sentence),
    unavailable: sentence,
    foreignOrigin: sentence,
    unsupported: sentence,
    tooLarge: sentence,
  }),
});

const titledText = (allowed: readonly string[]) =>
  z.strictObject({ title: text(80), body: withOnly(allowed, sentence) });

export const pledgeManageSchema = z.strictObject({
  title: text(80),
  description: text(200),
  intro: z.array(sentence).min(1),
  referenceLabel: text(80),
  referenceHint: sentence,
  emailLabel: text(80),
  sendLinkButton: text(40),
  contactLinkText: text(80),
  linkSent: z.strictObject({ title: text(80), body: withOnly(["reference"], sentence), help: sentence }),
  page: z.strictObject({
    title: withOnly(["reference"], text(80)),
    statusLabel: text(40),
    statuses: z.strictObject({
      unconfirmed: text(60),
      pending: text(60),
      approved: text(60),
      rejected: text(60),
      withdrawn: text(60),
    }),
    publicHeading: text(80),
    privateHeading: text(80),
    privateText: sentence,
    waitingHeading: text(80),
    waitingText: withOnly(["date"], sentence),
    waitingColumns: z.strictObject({ field: text(40), now: text(40), proposed: text(40) }),
    waitingChangeAgain: sentence,
    addressWaitingHeading: text(80),
    addressWaitingText: sentence,
    addressCodeLabel: text(80),
    addressCodeHint: sentence,
    addressConfirmButton: text(40),
    unconfirmedText: sentence,
    confirmLinkText: text(80),
    notListedText: sentence,
    changeHeading: text(80),
    changeTextApproved: sentence,
    changeTextPending: sentence,
    changeLinkText: text(80),
    checkInHeading: text(80),
    checkInText: sentence,
    checkInLinkText: text(80),
    withdrawHeading: text(80),
    withdrawText: sentence,
    withdrawLinkText: text(80),
    downloadHeading: text(80),
    downloadText: sentence,
    downloadHtml: text(80),
    downloadJson: text(80),
  }),
  change: z.strictObject({
    title: withOnly(["reference"], text(80)),
    introApproved: sentence,
    introPending: sentence,
    emailNote: sentence,
    submitButton: text(40),
    cancelLinkText: text(80),
  }),
  changed: z.strictObject({
    waitingTitle: text(80),
    waiting: sentence,
    appliedTitle: text(80),
    applied: sentence,
    appliedPending: sentence,
    unchangedTitle: text(80),
    unchanged: sentence,
    dropped: sentence,
    contactName: sentence,
    addressSent: sentence,
    addressNotSent: sentence,
    backLinkText: text(80),
  }),
  address: z.strictObject({
    title: text(80),
    summary: withOnly(["reference"], text(80)),
    text: sentence,
    button: text(40),
    notYours: sentence,
    confirmedTitle: text(80),
    confirmed: withOnly(["reference"], sentence),
    refusedTitle: text(80),
    refused: sentence,
  }),
  invalidLink: titledText([]),
  download: z.strictObject({
    title: withOnly(["reference"], text(80)),
    intro: withOnly(["date"], sentence),
    sections: z.record(z.string(), text(80)),
    none: text(40),
    rightsText: withOnly(["privacyLink"], sentence),
  }),
  problems: z.strictObject({
    reference: sentence,
    email: sentence,
    code: sentence,
    wrongCode: sentence,
    notChangeable: sentence,
    refused: sentence,
    duplicate: sentence,
    rateLimited: withOnly(["minutes"], sentence),
    unavailable: sentence,
    foreignOrigin: sentence,
    unsupported: sentence,
    tooLarge: sentence,
  }),
});

const checkInStatus = z.strictObject({ label: text(40), hint: text(120) });

export const pledgeCheckInSchema = z.strictObject({
  title: text(80),
  description: text(200),
  intro: z.array(sentence).min(1),
  askedHeading: text(80),
  asked: z.array(sentence).min(1),
  nextHeading: text(80),
  next: z.array(sentence).min(1),
  lostHeading: text(80),
  lost: sentence,
  contactLinkText: text(80),
  manageText: sentence,
  manageLinkText: text(80),
  form: z.strictObject({
    title: withOnly(["reference"], text(80)),
    caption: withOnly(["reference"], text(80)),
    heading: text(80),
    intro: z.array(sentence).min(1),
    ownCommitment: text(60),
    ownWords: withOnly(["words"], text(60)),
    shownNow: withOnly(["status", "date"], text(120)),
    statuses: z.strictObject({
      planned: checkInStatus,
      started: checkInStatus,
      done: checkInStatus,
      dropped: checkInStatus,
    }),
    evidenceLabel: text(80),
    evidenceHint: sentence,
    noteLabel: text(80),
    noteHint: withOnly(["max"], sentence),
    aboutCommitment: withOnly(["commitment"], text(60)),
    submitButton: text(40),
  }),
  stored: z.strictObject({
    title: text(80),
    body: z.array(withOnly(["reference"], sentence)).min(1),
    manageLinkText: text(80),
  }),
  notApproved: z.strictObject({ title: text(80), body: withOnly(["reference"], sentence), manageLinkText: text(80) }),
  invalidLink: titledText([]),
  problemTitle: text(80),
  problems: z.strictObject({
    status: withOnly(["commitment"], sentence),
    evidence: withOnly(["commitment"], sentence),
    evidenceTooLong: withOnly(["commitment", "max"], sentence),
    noteTooLong: withOnly(["commitment", "max"], sentence),
    refused: sentence,
    unavailable: sentence,
    foreignOrigin: sentence,
    unsupported: sentence,
    tooLarge: sentence,
  }),
});

/** How a file is read: a JSON or YAML document, an MDX page's frontmatter, or plain text. */
type Reader = "document" | "frontmatter" | "text";

export interface ContentFile {
  reader: Reader;
  schema: ZodType;
}

const list = (schema: ZodType) => z.array(schema).min(1);

/** Every file in content/, by its path there; a file missing from this table is a mistake. */
export const contentFiles: Record<string, ContentFile> = {
  "site.yaml": { reader: "document", schema: list(siteSchema).length(1) },
  "benefits.json": { reader: "document", schema: list(benefitSchema) },
  "actions.json": { reader: "document", schema: list(actionSchema) },
  "action-guides.yaml": { reader: "document", schema: list(actionGuideSchema) },
  "faq.yaml": { reader: "document", schema: list(faqSchema) },
  "charter.json": { reader: "document", schema: charterSchema },
  "emails.json": { reader: "document", schema: emailsSchema },
  "wards.json": { reader: "document", schema: wardsSchema },
  "organisation-kinds.json": { reader: "document", schema: organisationKindsSchema },
  "listing-choices.json": { reader: "document", schema: listingChoicesSchema },
  "levels.yaml": { reader: "document", schema: levelsFileSchema },
  "retention.json": { reader: "document", schema: retentionSchema },
  "pledge-form.json": { reader: "document", schema: pledgeFormSchema },
  "pledge-errors.json": { reader: "document", schema: pledgeErrorsSchema },
  "pledge-confirmation.json": { reader: "document", schema: pledgeConfirmationSchema },
  "pledge-withdrawal.json": { reader: "document", schema: pledgeWithdrawalSchema },
  "pledges-cli.json": { reader: "document", schema: pledgesCliSchema },
  "pledge-confirm.json": { reader: "document", schema: pledgeConfirmSchema },
  "pledge-manage.json": { reader: "document", schema: pledgeManageSchema },
  "pledge-check-in.json": { reader: "document", schema: pledgeCheckInSchema },
  "officers-cli.json": { reader: "document", schema: officersCliSchema },
  "officer-console.json": { reader: "document", schema: officerConsoleSchema },
  "open-data.json": {
    reader: "document",
    schema: z.strictObject({
      title: text(200),
      columns: z.record(z.string(), text(200)),
      commitments: z.strictObject({
        title: text(200),
        ownWords: text(60),
        columns: z.record(z.string(), text(200)),
        csv: text(80),
        json: text(80),
      }),
    }),
  },
  "impact.json": { reader: "document", schema: impactSchema },
  // The charter as the council published it: the actions' titles are checked against it.
  "source/stevenage-charter.txt": { reader: "text", schema: z.string().min(1000) },
};

/** The schema for a file, including the pages, which share one. */
export function contentFileFor(path: string): ContentFile | undefined {
  if (/^pages\/[\w-]+\.mdx$/.test(path)) return { reader: "frontmatter", schema: pageSchema };
  return contentFiles[path];
}

function read(dir: string, path: string, reader: Reader): unknown {
  const source = readFileSync(join(dir, path), "utf8");
  if (reader === "text") return source;
  if (reader === "frontmatter") {
    const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
    if (!match?.[1]) throw new Error("has no frontmatter between --- lines");
    return loadYaml(match[1]);
  }
  return path.endsWith(".json") ? JSON.parse(source) : loadYaml(source);
}

const where = (path: PropertyKey[]) => (path.length ? path.map(String).join(".") : "the whole file");

/** Every problem with content/, each a sentence naming the file and the field; none is []. */
export function contentProblems(dir: string): string[] {
  const present = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
  const problems: string[] = [];
  for (const path of present) {
    const file = contentFileFor(path);
    if (!file) {
      problems.push(`content/${path} has no schema: add it to contentFiles in src/content-files.ts`);
      continue;
    }
    let data: unknown;
    try {
      data = read(dir, path, file.reader);
    } catch (error) {
      problems.push(`content/${path} cannot be read: ${(error as Error).message}`);
      continue;
    }
    const result = file.schema.safeParse(data);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push(`content/${path}: ${where(issue.path)}: ${issue.message}`);
    }
  }
  for (const path of Object.keys(contentFiles)) {
    if (!present.includes(path)) problems.push(`content/${path} is missing`);
  }
  return problems;
}
