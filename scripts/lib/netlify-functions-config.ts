/**
 * The [functions] settings of netlify.toml as Netlify hands them to @netlify/zip-it-and-ship-it:
 * read by Netlify's own reader, @netlify/config, and renamed as Netlify's CLI and build rename
 * them (included_files becomes includedFiles, its paths from the repository's root). Whoever
 * bundles the functions to measure or search them passes these, so the bundles are the ones a
 * deploy ships: netlify.toml's included_files leaves zod's CommonJS copies out, for one.
 * @netlify/config is not a dependency of its own here: it comes with @netlify/vite-plugin.
 */
import { resolveConfig } from "@netlify/config";
import type { Config, FunctionConfig, NodeBundlerName } from "@netlify/zip-it-and-ship-it";

/** One block of netlify.toml's [functions], as @netlify/config gives it: by function-name pattern. */
interface FunctionsSettings {
  external_node_modules?: string[];
  included_files?: string[];
  ignored_node_modules?: string[];
  node_bundler?: string;
}

export async function netlifyFunctionsConfig(root: string): Promise<Config> {
  const { config } = await resolveConfig({ cwd: root, repositoryRoot: root, offline: true, buffer: true });
  const blocks = (config.functions ?? {}) as Record<string, FunctionsSettings>;
  return Object.fromEntries(
    Object.entries(blocks).map(([pattern, settings]): [string, FunctionConfig] => [
      pattern,
      {
        externalNodeModules: settings.external_node_modules,
        includedFiles: settings.included_files,
        includedFilesBasePath: root,
        ignoredNodeModules: settings.ignored_node_modules,
        nodeBundler: (settings.node_bundler === "esbuild" ? "esbuild_zisi" : settings.node_bundler) as
          | NodeBundlerName
          | undefined,
      },
    ]),
  );
}
