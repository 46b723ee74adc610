/**
 * Where the embedded setup keeps what it writes when no setting names another place: .data/ in
 * the folder `npm start` runs from. That folder holds local pledges with contact details, queued
 * pledges and sent e-mails, so it must never reach a deployed function. The function bundler's
 * file tracer copies in every folder a module names by an absolute path it can work out, and it
 * works out join(process.cwd(), ".data", …); here the relative path is made absolute by a call
 * it cannot follow, and `npm run test:bundle` fails if any of .data/ reaches a bundle anyway.
 */
import { resolve } from "node:path";

const fromWorkingDir = (relative: string) => resolve(relative);

const localDataPath = (name: string) => fromWorkingDir(`.data/${name}`);

export const embeddedDataDir = localDataPath("pglite");
export const embeddedOutboxDir = localDataPath("outbox");
export const embeddedQueueDir = localDataPath("queue");
export const embeddedRebuildStateFile = localDataPath("wall-rebuild.json");
