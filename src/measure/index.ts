/**
 * What other features may use of measure without tldraw: plan geometry and how a length reads.
 * The tools, toolbar buttons and overrides the editor mounts are in ./editor; the base plan shape
 * (./basePlanShape) and the layer (./MeasureLayer, lazily loaded) are imported by their own paths
 * (eslint.config.js, FEATURE_PARTS).
 */
export { formatLength } from './formatMeasure'
export { basePlanCanvasSize } from './geometry'
