import { pluralIn } from '../messages.js'

/** Plural messages of this table, chosen by the zh-CN plural rules (see pluralIn in ../messages.ts). */
export const plural = pluralIn('zh-CN')
