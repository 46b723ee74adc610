/**
 * The module a zipped function's entry point hands to Netlify's runtime (getLambdaHandler), as a
 * path inside the unzipped bundle: where zip-it-and-ship-it put the function, whichever folder it
 * came from.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

export async function functionModuleIn(folder: string, entryFilename: string): Promise<string | undefined> {
  const entryPoint = await readFile(join(folder, entryFilename), "utf8");
  return /getLambdaHandler\((["'])(.+?)\1\)/.exec(entryPoint)?.[2];
}
