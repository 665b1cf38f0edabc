/**
 * The English strings of the base plan's scale and the measure tools: the keys and placeholders of
 * ../zh/measure.ts.
 */
import type { Translation } from '../messages.js'
import type { measureStrings as zh } from '../zh/measure.js'

export const measureStrings = {
  measure: {
    toolMeasure: 'Measure length and area',
    toolScale: 'Set the scale',
    title: 'Measure',
    exitTool: 'Stop measuring',
    hintStart: 'Press and drag to measure a distance. Or tap each corner of a place, one by one, to measure its area.',
    hintPolygon: 'Tap the next corner. Tap the first point again, double-tap, or press “Work out area” to get the area.',
    hintTouch: 'Use two fingers to move and zoom the picture.',
    length: 'Length: {length}',
    area: 'Area: {area}',
    perimeter: 'Perimeter: {length}',
    selected: 'Selected item: {w} wide, {h} high',
    finish: 'Work out area',
    clear: 'Measure again',
    noScale: 'The scale is not set yet, so lengths in metres cannot be shown. Please wait for the organizer to set it.',
    noScaleOrganizer:
      'The scale is not set yet, so lengths in metres cannot be shown. Choose “Set the scale” in the toolbar, draw a line along something of known length on the base plan (a wall, for example), then type how many metres it is.',
    unitMetres: '{n} m',
    unitCentimetres: '{n} cm',
    unitSquareMetres: '{n} m²',
    scaleHint: 'Press and drag along something on the base plan whose length you know (a wall or the edge of a path, for example).',
    scaleTitle: 'Set the scale',
    scaleBody: 'How long is the line you just drew, in real life?',
    scaleLabel: 'Real length (metres)',
    scalePlaceholder: 'For example: 12.5',
    scaleUnit: 'm',
    scaleSubmit: 'OK',
    scaleSaving: 'Saving…',
    scaleCancel: 'Cancel',
    northLabel: 'Which side of the plan is north?',
    northHint: 'The report draws its north arrow this way. If you do not know, choose "Not sure".',
    northUnknown: 'Not sure',
    northDirections: ['up', 'up right', 'right', 'down right', 'down', 'down left', 'left', 'up left'],
    northChoice: 'North is {direction}',
    scaleErrorEmpty: 'Please type how many metres the line is in real life.',
    scaleErrorNumber: 'Please type just a number, for example 12.5.',
    scaleErrorPositive: 'The length must be more than 0.',
    scaleErrorTooLarge: 'That number is too large. Please check it (at most {max} metres).',
    scaleErrorLine: 'The line is too short. Close this window and draw a longer line.',
    scaleFailed: 'The scale was not saved: {reason}',
    scaleSaved: 'The scale is set. Everyone can now measure in metres.',
    basePlanName: 'Base plan',
  },
} as const satisfies Translation<typeof zh>
