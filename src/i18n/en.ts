/**
 * The English table as the browser loads it: its own chunk, fetched only when someone chooses
 * English (src/i18n/lang.ts `loadStrings`). The table itself lives in src/shared/i18n/en/, one file
 * per area, checked against the Chinese one for keys and placeholders.
 */
export { en } from '../shared/i18n/en/index.js'
