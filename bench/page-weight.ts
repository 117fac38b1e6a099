// Part 3a: first-load JavaScript per route, from the production build's
// manifests and chunk files. A first load of an App Router page runs the
// build manifest's rootMainFiles, the framework and runtime that every page
// shares. It also runs the entry chunks that the route's client reference
// manifest lists for each segment it renders: the root layout, the error and
// not-found boundaries and the page. Polyfills are left out, because they
// load only in browsers without ES modules (`nomodule`).
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

/** Target for the wizard's route, in kB of 1,000 bytes (stricter than KiB). */
export const WIZARD_FIRST_LOAD_TARGET_BYTES = 130_000;
export const WIZARD_ROUTE = "/link/[token]";

export type RouteWeight = {
  route: string;
  /** Chunks only this route (and routes sharing them) needs, beyond the shared ones. */
  routeFiles: string[];
  /** The route's own chunks, largest first. */
  ownChunks: ChunkWeight[];
  routeGzipBytes: number;
  totalGzipBytes: number;
  totalRawBytes: number;
};

export type ChunkWeight = {
  file: string;
  gzipBytes: number;
  /** Libraries recognised in the chunk by LIBRARY_MARKERS, for example ["zod"]. */
  libraries: string[];
};

/**
 * Strings that only a given library's bundled code contains, to say what a
 * large chunk is made of. A heuristic: minified code keeps class names such
 * as ZodError because the library sets them as the error's name.
 */
const LIBRARY_MARKERS: readonly { library: string; marker: string }[] = [
  { library: "zod", marker: "ZodError" },
];

export type FirstLoadJs = {
  sharedFiles: string[];
  sharedGzipBytes: number;
  sharedRawBytes: number;
  routes: RouteWeight[];
};

type ClientReferenceManifest = { entryJSFiles?: Record<string, string[]> };

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

/** Evaluates a `*_client-reference-manifest.js` file and returns the manifest it defines. */
function readClientReferenceManifest(file: string): ClientReferenceManifest {
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, unknown> } = {};
  sandbox.globalThis = sandbox;
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox, { filename: file });
  const manifests = Object.values(sandbox.__RSC_MANIFEST ?? {});
  if (manifests.length !== 1) {
    throw new Error(
      `Expected one manifest in ${file}, found ${manifests.length}. Did the Next.js build format change?`,
    );
  }
  return manifests[0] as ClientReferenceManifest;
}

function findFiles(directory: string, suffix: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory)) {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) {
      found.push(...findFiles(full, suffix));
    } else if (entry.endsWith(suffix)) {
      found.push(full);
    }
  }
  return found;
}

/** Computes the raw and gzip size (level 9, the maximum) of each file once. */
function createSizer(distDir: string) {
  const cache = new Map<string, { raw: number; gzip: number }>();
  return (file: string) => {
    let size = cache.get(file);
    if (size === undefined) {
      const content = readFileSync(path.join(distDir, file));
      size = { raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
      cache.set(file, size);
    }
    return size;
  };
}

export function measureFirstLoadJs(distDir: string): FirstLoadJs {
  const buildManifest = readJson<{ rootMainFiles: string[] }>(
    path.join(distDir, "build-manifest.json"),
  );
  const sizeOf = createSizer(distDir);
  const sharedFiles = [...new Set(buildManifest.rootMainFiles)];
  const shared = new Set(sharedFiles);
  const sum = (files: string[], key: "raw" | "gzip") =>
    files.reduce((total, file) => total + sizeOf(file)[key], 0);

  const appDir = path.join(distDir, "server", "app");
  const routes: RouteWeight[] = [];
  for (const file of findFiles(appDir, "page_client-reference-manifest.js")) {
    const route = `/${path.relative(appDir, path.dirname(file)).split(path.sep).join("/")}`;
    if (route === "/_global-error") {
      continue;
    }
    const manifest = readClientReferenceManifest(file);
    const entryFiles = Object.values(manifest.entryJSFiles ?? {}).flat();
    const routeFiles = [...new Set(entryFiles)].filter((entry) => !shared.has(entry));
    const allFiles = [...sharedFiles, ...routeFiles];
    routes.push({
      route,
      routeFiles,
      ownChunks: routeFiles
        .map((chunk) => describeChunk(distDir, chunk, sizeOf(chunk).gzip))
        .sort((a, b) => b.gzipBytes - a.gzipBytes),
      routeGzipBytes: sum(routeFiles, "gzip"),
      totalGzipBytes: sum(allFiles, "gzip"),
      totalRawBytes: sum(allFiles, "raw"),
    });
  }
  routes.sort((a, b) => a.route.localeCompare(b.route));
  return {
    sharedFiles,
    sharedGzipBytes: sum(sharedFiles, "gzip"),
    sharedRawBytes: sum(sharedFiles, "raw"),
    routes,
  };
}

function describeChunk(distDir: string, file: string, gzipBytes: number): ChunkWeight {
  const content = readFileSync(path.join(distDir, file), "utf8");
  return {
    file,
    gzipBytes,
    libraries: LIBRARY_MARKERS.filter(({ marker }) => content.includes(marker)).map(
      ({ library }) => library,
    ),
  };
}
