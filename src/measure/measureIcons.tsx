/** Toolbar icons drawn inline (tldraw's icon set has no ruler); they follow the button's colour. */
import './measureIcons.css'

export const measureIcon = (
  <div className="cg-measure-icon">
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <rect x="2.5" y="7.5" width="19" height="9" rx="1.5" />
      <path d="M6.5 7.5v3.5M10.5 7.5v2.5M14.5 7.5v3.5M18.5 7.5v2.5" />
    </svg>
  </div>
)

export const scaleIcon = (
  <div className="cg-measure-icon">
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M3 15h18M3 11.5v7M21 11.5v7" />
      <path d="M8 4.5l4 4 4-4" />
    </svg>
  </div>
)
