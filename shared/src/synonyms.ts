import { z } from 'zod';

/**
 * A store's own words (admin API and SYNONYMS_FILE): groups of words for the same thing, and
 * one-way kinds ("a netbook is a laptop"). They extend the general shopping lexicon; the
 * bounds keep a lexicon rebuild (every instance, on each change) cheap.
 */
export const SYNONYM_LIMITS = {
  groups: 1000,
  groupSize: 20,
  kinds: 500,
  kindsPerWord: 50,
  phraseChars: 60,
} as const;

const Phrase = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(SYNONYM_LIMITS.phraseChars, `must be at most ${SYNONYM_LIMITS.phraseChars} characters`)
  .regex(/[\p{L}\p{N}]/u, 'must hold a letter or digit');

export const SynonymGroupSchema = z
  .array(Phrase, { error: 'a group must be an array of words' })
  .min(2, 'a group needs at least two words')
  .max(SYNONYM_LIMITS.groupSize, `a group holds at most ${SYNONYM_LIMITS.groupSize} words`);

export const StoreSynonymsSchema = z.strictObject({
  /** Words for the same thing: any one finds the others ("hoodie", "hooded sweatshirt"). */
  synonyms: z
    .array(SynonymGroupSchema, { error: 'synonyms must be an array of groups' })
    .max(SYNONYM_LIMITS.groups, `synonyms holds at most ${SYNONYM_LIMITS.groups} groups`)
    .default([]),
  /** A word -> kinds of it: searching the word finds them, not the other way round. */
  kinds: z
    .record(
      Phrase,
      z
        .array(Phrase, { error: 'kinds of a word must be an array of words' })
        .min(1, 'list at least one kind')
        .max(
          SYNONYM_LIMITS.kindsPerWord,
          `a word has at most ${SYNONYM_LIMITS.kindsPerWord} kinds`,
        ),
      { error: 'kinds must be an object of word -> [kinds]' },
    )
    .refine((k) => Object.keys(k).length <= SYNONYM_LIMITS.kinds, {
      message: `kinds holds at most ${SYNONYM_LIMITS.kinds} words`,
    })
    .default({}),
});
export type StoreSynonyms = z.infer<typeof StoreSynonymsSchema>;

/** What an admin reads back: the store's words and the version every instance follows. */
export const SynonymListSchema = z.object({
  synonyms: z.array(z.array(z.string())),
  kinds: z.record(z.string(), z.array(z.string())),
  /** Bumped on every change; answers are cached per version. */
  version: z.number().int().nonnegative(),
});
export type SynonymList = z.infer<typeof SynonymListSchema>;
