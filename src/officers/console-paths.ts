/** Where the officers' console's pages live: one place for links in pages and e-mails alike. */
export const consolePaths = {
  overview: "/officer/",
  signIn: "/officer/sign-in/",
  signOut: "/officer/sign-out/",
  pledges: "/officer/pledges/",
  take: "/officer/take/",
  export: "/officer/export/",
  setAside: "/officer/set-aside/",
} as const;

export const officerPledgePath = (reference: string) => `${consolePaths.pledges}${encodeURIComponent(reference)}/`;

/** The queue's own view of the pledges whose authors' changes wait for an officer. */
export const changesWaitingPath = `${consolePaths.pledges}?view=changes`;

/** The queue's own view of the check-ins pledgers sent that wait for an officer. */
export const checkInsWaitingPath = `${consolePaths.pledges}?view=check-ins`;

/** Where an officer records a check-in a pledger gave by phone or in person. */
export const recordCheckInPath = (reference: string) => `${officerPledgePath(reference)}check-in/`;

/** A pledge set aside from the outage queue, by its queue key. */
export const setAsidePath = (queueKey: string) => `${consolePaths.setAside}${encodeURIComponent(queueKey)}/`;

/** Every console path, the sign-in page included, starts with this. */
export const consolePrefix = "/officer/";

export const isConsolePath = (pathname: string) => pathname === "/officer" || pathname.startsWith(consolePrefix);
