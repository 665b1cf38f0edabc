/**
 * What a string table is made of and how a message becomes text: `format` (placeholders and
 * plurals), the `plural` helper the tables write plural messages with, and the types that check
 * every call and every translation at compile time.
 *
 * Runtime-neutral (no DOM, no Node): the browser app (src/i18n/lang.ts) and the server's exports
 * (server/export/exportText.ts) both use it, on the same tables (src/shared/i18n/zh/, en/).
 *
 * A message is either a string with `{name}` placeholders, or a plural message: one string per
 * plural category (Intl.PluralRules: zero, one, two, few, many, other) of the table's language,
 * chosen by the number given for its `by` placeholder. The Chinese table is the source of truth for
 * the placeholders: `Strings` (src/shared/i18n/zh/index.ts) gives every message the placeholders of
 * its Chinese text, so `format(t.x, values)` fails to compile when a placeholder is missing or
 * misspelt; `Mismatches` checks that the English text uses the same ones.
 */

/** Phantom key: a message's placeholder names, in types only (there is no such property at runtime). */
declare const params: unique symbol

/** A string message whose placeholders are `P`. At runtime a plain string. */
export type Message<P extends string = string> = string & { readonly [params]: P }

/** The Intl.PluralRules categories; `other` is the one every language has. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other'

/** A plural message as a table writes it (see `pluralIn`). */
export interface PluralData {
  /** The table's language, for Intl.PluralRules. */
  readonly locale: string
  /** The placeholder whose number chooses the form. */
  readonly by: string
  readonly other: string
  readonly zero?: string
  readonly one?: string
  readonly two?: string
  readonly few?: string
  readonly many?: string
}

/** A plural message whose placeholders are `P`, chosen by the number given for `By`. */
export type PluralMessage<P extends string = string, By extends string = string> = PluralData & {
  readonly by: By
  readonly [params]: P
}

/** The `{name}` placeholders of a string literal type (names are word characters, as in `format`). */
export type Params<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Params<Rest> : never

/**
 * A table as the app sees it: every string a `Message` of its placeholders, every plural a
 * `PluralMessage`. Derived from the Chinese table's literal types (src/shared/i18n/zh/index.ts).
 */
export type Messages<T> = T extends string
  ? Message<Params<T>>
  : T extends PluralData
    ? PluralMessage<Params<T['other']>, T['by']>
    : { readonly [K in keyof T]: Messages<T[K]> }

/**
 * The shape another language's table must have, given the Chinese one: the same keys, a string
 * where the Chinese has a string, a plural (chosen by the same placeholder) where it has a plural.
 * Used with `satisfies` in each English area file so a missing or extra key is reported there.
 */
export type Translation<Z> = Z extends string
  ? string
  : Z extends PluralData
    ? PluralData & { readonly by: Z['by'] }
    : { readonly [K in keyof Z]: Translation<Z[K]> }

type Join<Path extends string, K extends string> = Path extends '' ? K : `${Path}.${K}`
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
/** The placeholders used by any form of a plural message. */
type FormParams<E extends PluralData> = { [K in PluralCategory]: E[K] extends string ? Params<E[K]> : never }[PluralCategory]
type PluralMismatch<Z extends PluralData, E extends PluralData, Path extends string> =
  Same<Z['by'], E['by']> extends true
    ? Same<Params<Z['other']>, Params<E['other']>> extends true
      ? [FormParams<E>] extends [Params<Z['other']>]
        ? never
        : Path
      : Path
    : Path

/**
 * The dotted keys where translation `E` does not match the Chinese table `Z`: a key missing or
 * extra, or a message whose placeholders differ (a plural's `other` form must use exactly the
 * Chinese placeholders; its other forms may leave some out — "restored once" — but add none).
 * Lists of column names are compared by length. `never` when they match.
 */
export type Mismatches<Z, E, Path extends string = ''> = Z extends string
  ? E extends string
    ? Same<Params<Z>, Params<E>> extends true ? never : Path
    : Path
  : Z extends PluralData
    ? E extends PluralData ? PluralMismatch<Z, E, Path> : Path
    : Z extends readonly string[]
      ? E extends readonly string[] ? (Same<Z['length'], E['length']> extends true ? never : Path) : Path
      : E extends string | PluralData | readonly string[]
        ? Path
        :
          | { [K in keyof Z & string]: K extends keyof E ? Mismatches<Z[K], E[K], Join<Path, K>> : Join<Path, K> }[keyof Z & string]
          | Join<Path, Exclude<keyof E & string, keyof Z>>

/** Compiles only when `T` is `never`; the error names what is not. */
export type ExpectNone<T extends never> = T

type Value = string | number

/**
 * The values `format` needs for message `M`: exactly its placeholders (a plural's chooser a
 * number). For a plain string that is not a table message (a test's literal), any values.
 */
export type ValuesOf<M> = [M] extends [PluralMessage<infer P, infer By>]
  ? { readonly [K in P]: K extends By ? number : Value }
  : [M] extends [Message<infer P>]
    ? [P] extends [never] ? { readonly [key: string]: never } : { readonly [K in P]: Value }
    : { readonly [key: string]: Value }

/**
 * A plural message writer for the language `locale`: `plural('count', { one: '{count} reply',
 * other: '{count} replies' })`. The `other` form must contain the `{by}` placeholder.
 */
export function pluralIn<const L extends string>(locale: L) {
  return <const By extends string, const F extends { readonly other: `${string}{${By}}${string}` } & Partial<Record<PluralCategory, string>>>(
    by: By,
    forms: F,
  ): F & { readonly locale: L; readonly by: By } => ({ ...forms, locale, by })
}

/** Give a table written as plain data the types the app reads it with (the brand is types only). */
export function asMessages<T>(table: T): Messages<T> {
  // Cast: the brand (`params`) exists in types only, so no value can be checked into it.
  return table as Messages<T>
}

// One Intl.PluralRules per language, made when first needed.
const pluralRules = new Map<string, Intl.PluralRules>()

function pluralForm(message: PluralData, values: Readonly<Record<string, Value>>): string {
  const count = values[message.by]
  // Without a number (only possible when the types were bypassed) the general form is the safe one.
  if (typeof count !== 'number') return message.other
  let rules = pluralRules.get(message.locale)
  if (!rules) {
    rules = new Intl.PluralRules(message.locale)
    pluralRules.set(message.locale, rules)
  }
  return message[rules.select(count)] ?? message.other
}

/**
 * The text of `message` with its `{placeholders}` filled from `values`; a plural message first
 * picks the form for the number in its `by` placeholder. An unknown placeholder is left as written
 * so a mistake stays visible.
 */
export function format<M extends string | PluralData>(message: M, values: ValuesOf<M>): string {
  const vals: Readonly<Record<string, Value>> = values
  const template = typeof message === 'string' ? message : pluralForm(message, vals)
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vals ? String(vals[key]) : whole))
}
