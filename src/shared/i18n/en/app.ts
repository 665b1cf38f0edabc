/**
 * The English strings of the app shell, the language switch and the home page: the keys and
 * placeholders of ../zh/app.ts.
 */
import type { Translation } from '../messages.js'
import type { appStrings as zh } from '../zh/app.js'

export const appStrings = {
  app: {
    name: 'CommonGround',
    tagline: 'Draw together and plan the shared spaces around us.',
    loading: 'Opening…',
    homeLink: 'Home',
    backHome: 'Back to the home page',
    notFoundTitle: 'Page not found',
    notFoundBody: 'This address does not lead anywhere. Part of it may be missing or mistyped.',
    crashTitle: 'Something went wrong',
    crashBody: 'Please reload the page and try again.',
    reload: 'Reload',
  },
  lang: {
    switchTo: '中文',
    switchLabel: 'Switch to Chinese',
    switchFailed: 'No connection: the language cannot be switched now',
    switchFailedClose: 'OK',
  },
  home: {
    createTitle: 'Start a new board',
    nameLabel: 'Board name',
    namePlaceholder: 'For example: the garden by building 3',
    create: 'Create',
    creating: 'Creating…',
    nameRequired: 'Please write a name first.',
    nameTooLong: 'The name is too long: at most {max} characters.',
    recentTitle: 'Boards opened on this device',
    recentEmpty: 'None yet. Start a new board, or open a link someone sent you.',
    recentHint: 'Removing a board from this list does not delete it; its link still works.',
    lastOpened: 'Last opened: {time}',
    remove: 'Remove',
    removeLabel: 'Remove “{name}” from this list',
  },
} as const satisfies Translation<typeof zh>
