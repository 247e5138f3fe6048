import {
  type Clip,
  fingerprintText,
  type GroupMember,
  groupNearDuplicates,
  metadataCompleteness,
} from '@jianbao/core';
import { IsolatedExtractor } from '../io/isolated-extractor';
import { JsonLineWriter } from '../io/json-lines';
import type { CommandIo, ExtractCommandOptions } from './extract';

/** Where a clip came from: the file, and the story's number when a text file held several. */
interface Source {
  file: string;
  part?: number;
  title: string;
  url: string | null;
  publishedAt: string | null;
}

/** One line of `jianbao dedupe` output: a group of near-duplicate pages. */
export interface DedupeGroupLine {
  /** Canonical first: the earliest published, then the most complete metadata, then the first given. */
  files: Source[];
  canonical: { file: string; part?: number };
  pairs: {
    a: { file: string; part?: number };
    b: { file: string; part?: number };
    score: number;
    jaccard: number;
    differs: string[];
  }[];
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Extracts every file (each in the isolated extractor, as `extract` does), keeps only each
 * clip's fingerprint and the metadata that picks a canonical, and prints the near-duplicate
 * groups among them, one JSON line each, largest first. Files that give no clip are reported on
 * stderr. Memory holds fingerprints, not pages, so a folder of thousands of pages is fine.
 */
export async function runDedupe(
  files: readonly string[],
  options: ExtractCommandOptions,
  io: CommandIo,
): Promise<number> {
  const extractor = new IsolatedExtractor(options.timeoutSeconds * 1000);
  const sources = new Map<string, Source>();
  const members: GroupMember[] = [];
  let failed = 0;
  try {
    for (const [index, file] of files.entries()) {
      const { lines } = await extractor.extract(file, { url: options.url, text: options.text });
      for (const line of lines) {
        if ('error' in line) {
          failed++;
          note(io, `jianbao: ${file}: ${line.error.code}: ${line.error.message}`);
        } else if ('notArticle' in line) {
          note(io, `jianbao: ${file}: not an article (${line.notArticle.reason})`);
        } else {
          const id = `${members.length}`;
          sources.set(id, sourceOf(file, line.clip, line.part));
          members.push(memberOf(id, line.clip, members.length));
        }
      }
      if (options.verbose) note(io, `[${index + 1}/${files.length}] ${file}`);
    }
  } finally {
    await extractor.close();
  }
  const groups = groupNearDuplicates(members);
  const out = new JsonLineWriter(io.stdout);
  for (const group of groups) {
    const where = (id: string) => {
      const { file, part } = sources.get(id)!;
      return part === undefined ? { file } : { file, part };
    };
    const line: DedupeGroupLine = {
      files: group.members.map((id) => sources.get(id)!),
      canonical: where(group.canonical),
      pairs: group.pairs.map((pair) => ({
        a: where(pair.a),
        b: where(pair.b),
        score: round(pair.verdict.score),
        jaccard: round(pair.verdict.jaccard),
        differs: pair.verdict.differs,
      })),
    };
    if (!(await out.write(line))) break;
  }
  if (options.verbose) {
    const duplicates = groups.reduce((n, g) => n + g.members.length - 1, 0);
    note(
      io,
      `${files.length} files, ${members.length} clips, ${groups.length} groups: ${duplicates} clips are copies of another`,
    );
  }
  if (out.error) {
    note(io, `jianbao: cannot write output: ${out.error.message}`);
    return 1;
  }
  return members.length > 0 || failed === 0 ? 0 : 1;
}

function sourceOf(file: string, clip: Clip, part?: number): Source {
  const about = { title: clip.title, url: clip.url, publishedAt: clip.publishedAt };
  return part === undefined ? { file, ...about } : { file, part, ...about };
}

function memberOf(id: string, clip: Clip, order: number): GroupMember {
  return {
    id,
    fingerprint: fingerprintText(clip.normalizedText, { normalized: true }),
    script: clip.script,
    textHash: clip.fingerprints.textHash,
    publishedAt: clip.publishedAt,
    completeness: metadataCompleteness(clip),
    order,
  };
}

function note(io: CommandIo, message: string): void {
  if (io.stderr.writable) io.stderr.write(`${message}\n`);
}
