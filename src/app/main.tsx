// First, so feature stylesheets imported below come later in the cascade and can refine it.
import './app.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { applyLargeTextSetting } from './largeText'
import { registerServiceWorker } from './registerServiceWorker'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

// Before the first render, so an elderly reader never sees the small layout flash first.
applyLargeTextSetting()

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

// Only production builds: in development Vite serves unhashed modules that must never be cached.
if (import.meta.env.PROD) registerServiceWorker()
