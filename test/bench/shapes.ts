/**
 * Board content for benchmarks, written the way the client binding writes it (docs/board-format.md):
 * whole tldraw records in a y-utility YKeyValue over the `records` Y.Array.
 */
import * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'

export function recordsOf(doc: Y.Doc): YKeyValue<Record<string, unknown>> {
  return new YKeyValue(doc.getArray('records'))
}

/** A geo shape record of the size tldraw writes (about 600 bytes of JSON). */
export function geoShape(i: number, x = (i % 50) * 120, y = Math.floor(i / 50) * 120): Record<string, unknown> {
  return {
    id: `shape:bench${i}`,
    typeName: 'shape',
    type: 'geo',
    x,
    y,
    rotation: 0,
    index: `a${i.toString(36)}`,
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      w: 100, h: 80, geo: 'rectangle', color: 'black', labelColor: 'black', fill: 'none', dash: 'draw',
      size: 'm', font: 'draw', align: 'middle', verticalAlign: 'middle', growY: 0, url: '', scale: 1,
      richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `需求 ${i}` }] }] },
    },
  }
}
