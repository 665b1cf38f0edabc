/**
 * The English strings of the board and what every board shows around it: connection status, people
 * here, the name prompt, image uploads: the keys and placeholders of ../zh/board.ts.
 */
import type { Translation } from '../messages.js'
import type { boardStrings as zh } from '../zh/board.js'
import { plural } from './plural.js'

export const boardStrings = {
  board: {
    untitled: 'Board',
    notFoundTitle: 'Board not found',
    notFoundBody:
      'The link may be incomplete, or the board is not on this server. Please ask the person who sent it for the link again.',
    schemaError:
      'This board was saved by a newer version of the app. Please reload the page to see all changes.',
    titleSuffix: 'CommonGround',
    canvasLabel: 'Drawing board',
    closedNotFound:
      'This board does not exist on the server, so your changes were not sent (they are kept on this device). Please check the link.',
    closedRefused:
      'The server refused changes to this board (code {code}) and syncing has stopped. Your changes are kept on this device. Please reload the page and try again.',
    closedRateLimited:
      'This device sent too many messages too fast, so the server disconnected it and syncing has stopped. Your changes are kept on this device; reload the page to continue.',
    storageFailing:
      'The server cannot save right now. Your changes are kept on this device and will be saved automatically when it recovers; until then, others do not see new changes.',
    refused: {
      read_only: 'Your last change was not saved: in this stage you may look at the board but not change it. The board is back as everyone sees it.',
      not_yours: 'Your last change was not saved: what someone else drew can be changed only by them or the organizer. The board is back as everyone sees it.',
      board_records: 'Your last change was not saved: only the organizer changes the base plan, the pages and the board settings. The board is back as everyone sees it.',
      invalid_record: 'Your last change was not saved: its content is not in a form the board accepts, perhaps because this page is out of date. Please reload the page.',
      bad_asset: 'Your last change was not saved: pictures must be uploaded to this server; content from other sites cannot be used.',
      not_board_format: 'Your last change was not saved: the server does not accept this kind of change. The board is back as everyone sees it.',
      board_full: 'Your last change was not saved: this board has reached its size limit. Delete something that is no longer needed, or ask the organizer for a new board.',
      too_much_data: 'Your last change was not saved: too much was sent within a minute. Please wait a moment and try again.',
      refused_before: 'Your last change was not saved: it built on an earlier change that was not accepted. The board is back as everyone sees it.',
    },
    refusedClose: 'OK',
    phone: {
      draw: '✏️ Draw',
      drawLabel: 'Draw on the plan: start drawing',
      doneDrawing: '✓ Done',
      pen: 'Pen',
      eraser: 'Eraser',
      move: 'Move',
      undo: 'Undo',
      toolsLabel: 'Drawing tools',
      fit: 'Whole plan',
      fitLabel: 'Show the whole plan and every need on screen',
    },
  },
  status: {
    connecting: 'Connecting',
    connected: 'Connected',
    reconnecting: 'Reconnecting',
    offline: 'Offline',
    connectingHint: 'Connecting to the server, please wait.',
    connectedHint: 'Everyone sees your changes right away.',
    reconnectingHint: 'The connection dropped and is being restored. Your changes are kept.',
    offlineHint:
      'No network. Your changes are kept on this device and shared with everyone when the network is back.',
  },
  people: {
    title: 'Here: {count}',
    you: '(you)',
    devices: plural('count', { one: '{count} device', other: '{count} devices' }),
    anonymous: 'No name',
    follow: 'Follow',
    following: 'Following',
    followLabel: 'Look where {name} is looking',
    stopFollowLabel: 'Stop following {name}',
    changeName: 'Change name',
    show: 'Show people',
    hide: 'Hide people',
    alone: 'Only you so far. Send the link to others.',
    copyLink: 'Copy link',
    linkCopied: 'Link copied. You can send it now.',
    copyFallback: 'Press and hold the link below, then choose “Copy”:',
  },
  name: {
    title: 'What should we call you?',
    body: 'Everyone on the board will see this name.',
    label: 'Your name',
    placeholder: 'For example: Mrs Wang',
    colorLabel: 'Pick a colour you like',
    colorOption: 'Colour {n}',
    submit: 'Enter the board',
    save: 'Save',
    cancel: 'Cancel',
    required: 'Please write your name.',
    tooLong: 'The name is too long: at most {max} characters.',
  },
  upload: {
    wrongType: 'Only PNG, JPEG, WebP or GIF images can be added.',
    tooLarge: 'The image is too large. The limit is {size}.',
    failed: 'The image could not be added. Try another picture, or try again later.',
    offline: 'No network, so the image cannot be uploaded now. Try again when you are online.',
  },
} as const satisfies Translation<typeof zh>
