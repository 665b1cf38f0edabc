/**
 * What other features may use of the light view. The view itself (./LightBoard, a chunk of its own)
 * is loaded lazily; the editor's handover (./FromLightView, tldraw) is imported by its own path from
 * the editor's chunk (eslint.config.js, FEATURE_PARTS).
 */
export { LightSessionContext, useLightSession } from './lightSessionContext'
export { useLightView } from './useLightView'
export { useBoardOnItsWay } from './useBoardOnItsWay'
export type { LightBoardProps } from './LightBoard'
