/**
 * Run-time configuration from GET /api/config (the tldraw licence key, the upload limit), fetched
 * once per page load. The licence key comes from the server so a deployer can add it without
 * rebuilding the client.
 */
import { useEffect, useState } from 'react'
import type { ClientConfig } from '../shared/api'
import { DEFAULT_MAX_UPLOAD_BYTES } from '../shared/assets'
import { isObject } from '../shared/guards'
import { useI18n } from '../i18n/I18nProvider'
import type { Lang, Strings } from '../i18n/lang'
import { getClientConfig } from './api'
import { readJson, writeJson } from '../device/localStore'

const CONFIG_KEY = 'config'

/** How long a bad connection may delay opening a board before we go on with what we have. */
const CONFIG_TIMEOUT_MS = 8_000

export const FALLBACK_CONFIG: ClientConfig = { tldrawLicenseKey: null, maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES, shareOrigin: null }

function isClientConfig(value: unknown): value is ClientConfig {
  if (!isObject(value)) return false
  const v = value
  return (v.tldrawLicenseKey === null || typeof v.tldrawLicenseKey === 'string') &&
    typeof v.maxUploadBytes === 'number' && v.maxUploadBytes > 0
}

let pending: Promise<ClientConfig> | null = null
/** The answer once it has come, so a page rendered after that has it on its first render. */
let loaded: ClientConfig | null = null

/**
 * Offline or on a very slow network the board must still open (from local data), so a failed or
 * slow request falls back to the config remembered from the last visit, then to defaults.
 */
export function loadClientConfig(i18n: { t: Strings; lang: Lang }): Promise<ClientConfig> {
  // The strings only word a failure, which is never shown: any failure falls back below.
  pending ??= getClientConfig({ ...i18n, signal: AbortSignal.timeout(CONFIG_TIMEOUT_MS) })
    .then((config) => {
      if (!isClientConfig(config)) throw new Error('Malformed /api/config answer')
      writeJson(CONFIG_KEY, config)
      return config
    })
    .catch(() => {
      const saved = readJson(CONFIG_KEY)
      return isClientConfig(saved) ? saved : FALLBACK_CONFIG
    })
    .then((config) => (loaded = config))
  return pending
}

/** The config, or null until it has arrived (or the fallback was chosen). */
export function useClientConfig(): ClientConfig | null {
  const [config, setConfig] = useState<ClientConfig | null>(() => loaded)
  const { t, lang } = useI18n()
  useEffect(() => {
    let live = true
    // Once per page load (see loadClientConfig): a language switch gets the same answer back.
    void loadClientConfig({ t, lang }).then((c) => {
      if (live) setConfig(c)
    })
    return () => {
      live = false
    }
  }, [t, lang])
  return config
}
