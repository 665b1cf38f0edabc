import { pluralIn } from '../messages.js'

/** Plural messages of this table, chosen by the en plural rules (see pluralIn in ../messages.ts). */
export const plural = pluralIn('en')
