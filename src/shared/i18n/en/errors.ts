/**
 * The English strings of the API client's errors by HTTP status: the keys and placeholders of
 * ../zh/errors.ts.
 */
import type { Translation } from '../messages.js'
import type { errorsStrings as zh } from '../zh/errors.js'

export const errorsStrings = {
  errors: {
    network: 'Cannot reach the server. Please check the network and try again.',
    badRequest: 'Something you entered is not right. Please check it and try again.',
    notFound: 'Not found.',
    tooMany: 'Too many tries in a short time. Please wait a moment and try again.',
    tooLarge: 'That is too large for the server to accept.',
    server: 'The server had a problem. Please try again later.',
    unknown: 'Something went wrong (code {status}). Please try again later.',
  },
} as const satisfies Translation<typeof zh>
