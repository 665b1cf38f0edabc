import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

// ---------------------------------------------------------------------------------------------
// Which way code may depend (docs/architecture.md). Enforced with @typescript-eslint's
// no-restricted-imports; core no-restricted-imports keeps the string-table rule below, so the two
// never replace each other's options (in a flat config, a later block's options for the same rule
// replace an earlier block's, so each folder's layer rules are written out whole by layerBlocks()).
// Patterns are regular expressions over the import specifier as written (relative paths).
// ---------------------------------------------------------------------------------------------

/** src/ folders that are features: each has an index.ts, the way other folders reach it. */
const FEATURES = ['board', 'export', 'home', 'lightView', 'measure', 'notice', 'participation', 'projects', 'sync', 'workflow', 'workspace']

/**
 * What of a feature other folders may import by its own path rather than through its index. Each is
 * a part the bundle loads apart from the index's importers: the editor's side (tldraw, ~1.7 MB, which
 * no page chunk of a phone may contain), a lazily loaded part, or a part that brings a stylesheet.
 * A feature's index.ts must stay light — no tldraw, no stylesheet — because any chunk may import it
 * (vite.config.ts declares the index files free of side effects so importing one name does not pull
 * in the rest). Stylesheets (*.css) may always be imported by path. import() is not checked: a lazily
 * loaded module is a chunk boundary by its nature.
 * Also parts the boot script bundles (src/app/bootView.ts, vite.config.ts `bootView`): pure modules
 * with no React, no stylesheet and no index in between, so that script stays a few KB.
 */
const FEATURE_PARTS = {
  board: ['BoardEditor', 'PeoplePanel', 'tldrawAssetUrls', 'fitCamera', 'compactQuery'],
  export: ['ExportEditorBridge', 'ImportProjectEntry', 'saveBlob'],
  home: [],
  lightView: ['LightBoard', 'FromLightView', 'openingView'],
  measure: ['editor', 'basePlanShape', 'MeasureLayer', 'geometry'],
  // The public notice page is a page of its own (src/app/pages.tsx), loaded apart from the board.
  notice: ['NoticePage'],
  participation: ['ParticipationLayer', 'ParticipationPanel', 'needs/pinViews', 'needs/needsUiState', 'negotiate/ProjectorButton',
    'private/PrivateModeBanner', 'private/PrivateModeButton', 'tasks/TaskPin', 'tasks/taskFocus', 'tasks/taskPinLayout', 'needs/needsLogic', 'needs/pinLayout', 'panelTabs'],
  projects: [],
  sync: ['useBoardSync', 'bindPresence', 'storeFromBoardUpdate'],
  workflow: [],
  workspace: [],
}

/**
 * Which features each feature may use (docs/architecture.md's diagram): an order, so no two features
 * depend on each other however many steps apart. src/app, the shell above them, may use any.
 */
const FEATURE_USES = {
  workflow: ['board', 'export', 'lightView', 'measure', 'notice', 'participation', 'projects', 'sync'],
  notice: ['export', 'participation'],
  lightView: ['board', 'measure', 'participation', 'sync'],
  export: ['board', 'measure', 'participation', 'projects'],
  home: ['board', 'export', 'projects', 'workspace'],
  workspace: ['export', 'projects'],
  participation: ['board', 'measure', 'projects', 'sync'],
  projects: ['board'],
  board: ['sync'],
  measure: [],
  sync: [],
}

/**
 * The layers of src/ below the features, lowest first, and what each may import besides itself.
 * The app shell (src/app) is above the features; nothing imports it.
 */
const SRC_LAYERS = {
  shared: [],
  device: ['shared'],
  i18n: ['shared', 'device'],
  net: ['shared', 'device', 'i18n'],
  ui: ['shared', 'device', 'i18n'],
}

const up = '^(\\.\\./)+'
const pattern = (regex, message, extra = {}) => ({ regex, message, caseSensitive: true, ...extra })

/** Browser code never imports the server. */
const NO_SERVER = pattern(`${up}server(/|$)`, 'src/ runs in the browser: it never imports server/.')

/** Imports of other features that skip their index (parts and stylesheets excepted). */
function featureRules(own) {
  return FEATURES.filter((f) => f !== own).map((f) => {
    const parts = FEATURE_PARTS[f].map((p) => p.replace('/', '\\/'))
    const allowed = parts.length ? `(?!(${parts.join('|')})$)` : ''
    return pattern(`${up}${f}/${allowed}(?!.*\\.css$).+`,
      `Import src/${f} through its index ('…/${f}'); only its separately loaded parts (eslint.config.js FEATURE_PARTS) and stylesheets by path.`)
  })
}

const NO_APP = pattern(`${up}app(/|$)`, 'src/app is the page shell: nothing imports it (the kit it used to hold is in src/net, src/ui, src/device).')

/** The patterns for files in `folder` (e.g. 'src/board', 'server/storage'). */
function layerPatterns(folder, depth = 0) {
  const [root, name] = folder.split('/')
  if (root === 'server') {
    const own = [pattern(`${up}src/(?!shared/)`, 'The server imports only src/shared of src/.')]
    if (name === 'storage') {
      own.push(pattern('^\\.\\./(?!\\.\\./src/shared/)', 'server/storage is the bottom layer: it imports nothing above it (sync, http, workflow, …), only src/shared.'))
    }
    if (name === 'export') own.push(pattern(`${up}http(/|$)`, 'server/export does not import server/http: it throws its own errors (the routes answer) and takes what it shares with the routes from a layer below both.'))
    if (name === 'participation') own.push(pattern('^\\.\\./(http|sync|export)(/|$)', 'server/participation is a service: it knows no transport (http, sync) and no export.'))
    if (folder === 'server/http/participation') {
      own.push(pattern(`${up}src/shared/(workflow|participation)(\\.js)?$`,
        'Participation rules (role × stage, limits) belong in server/participation, not in its routes; routes parse, call the service and answer.',
        { allowTypeImports: true }))
      own.push(pattern(`${up}participation/\\w+Store(\\.js)?$`, 'Routes reach participation through its service, not its stores.', { allowTypeImports: true }))
      own.push(pattern(`${up}workflow/Workflow(\\.js)?$`, 'Ids and records are made by the participation service, not by its routes.', { allowTypeImports: true }))
    }
    return own
  }
  // src/
  const own = [NO_SERVER]
  if (name in SRC_LAYERS) {
    const allowed = SRC_LAYERS[name]
    // A file `depth` folders down leaves src/<name> with depth + 1 steps up.
    const out = `^(\\.\\./){${depth + 1}}`
    own.push(pattern(allowed.length ? `${out}(?!(${allowed.join('|')})/)` : out,
      allowed.length ? `src/${name} may import only src/${allowed.join(', src/')} besides itself.` : 'src/shared imports nothing but src/shared.'))
    if (name === 'shared') own.push(pattern('^[^.]', 'src/shared runs in the browser and in Node: no packages (no DOM, no Node, no React).'))
    return own
  }
  own.push(...featureRules(name))
  if (name !== 'app') {
    own.push(NO_APP)
    const unused = FEATURES.filter((f) => f !== name && !FEATURE_USES[name].includes(f))
    own.push(pattern(`${up}(${unused.join('|')})(/|$)`,
      `src/${name} may use only ${FEATURE_USES[name].map((f) => `src/${f}`).join(', ') || 'no other feature'} (eslint.config.js FEATURE_USES: the features' order, so none depend on each other).`))
  }
  if (name === 'lightView') {
    // The light view is what a phone shows before tldraw has come; only the handover runs in the
    // editor's chunk (FromLightView is in FEATURE_PARTS and has its own block below).
    own.push(pattern('^(tldraw|@tldraw/.*)$', 'The light view never imports tldraw (only FromLightView, in the editor\'s chunk).', { allowTypeImports: true }))
  }
  return own
}

/** Config blocks for `folder`, with `exceptions`: files (and the patterns' messages they are let off). */
function layerBlocks(folder, exceptions = []) {
  const [root, name] = folder.split('/')
  if (root === 'src' && name in SRC_LAYERS) {
    // The kit's rules say how far up an import may go, so they depend on how deep the file is.
    return [0, 1, 2, 3].map((depth) => ({
      files: [`${folder}/${'*/'.repeat(depth)}*.{ts,tsx,js,mjs}`],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: layerPatterns(folder, depth) }] },
    }))
  }
  const files = [`${folder}/**/*.{ts,tsx,js,mjs}`]
  const all = layerPatterns(folder)
  const blocks = [{
    files,
    ignores: exceptions.map((e) => e.file),
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: all }] },
  }]
  for (const e of exceptions) {
    blocks.push({
      files: [e.file],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: all.filter((p) => !e.letOff(p)) }] },
    })
  }
  return blocks
}

const isLightTldrawRule = (p) => p.message.startsWith('The light view never imports tldraw')

const srcFolders = ['app', 'shared', 'device', 'i18n', 'net', 'ui', ...FEATURES].map((f) => `src/${f}`)

const layerConfig = [
  ...srcFolders.flatMap((folder) => layerBlocks(folder, folder === 'src/lightView'
    ? [{ file: 'src/lightView/FromLightView.tsx', letOff: isLightTldrawRule }]
    : [])),
  // Later blocks replace the options of earlier ones for the same files, so server/ first, then
  // its folders with more rules of their own.
  ...layerBlocks('server'),
  ...layerBlocks('server/storage'),
  ...layerBlocks('server/export'),
  ...layerBlocks('server/participation'),
  ...layerBlocks('server/http/participation'),
]

// ---------------------------------------------------------------------------------------------
// Globals: browser ones only in src/ (not src/shared), Node ones only in server/, test/ and config
// files. typescript-eslint turns no-undef off for TypeScript (the compiler checks names, but both
// tsconfigs know Node's types and tsconfig.json knows the DOM's), so the other runtime's globals are
// also named in no-restricted-globals.
// ---------------------------------------------------------------------------------------------
const builtin = new Set(Object.keys(globals.es2021))
const nodeOnly = Object.keys(globals.node).filter((g) => !(g in globals.browser) && !builtin.has(g))
const browserOnly = Object.keys(globals.browser).filter((g) => !(g in globals.node) && !builtin.has(g))
const restrictGlobals = (names, message) => ['error', ...names.map((name) => ({ name, message }))]

const globalsConfig = [
  { files: ['src/**/*.{ts,tsx}'], languageOptions: { globals: globals.browser } },
  { files: ['src/app/sw.ts'], languageOptions: { globals: { ...globals.browser, ...globals.serviceworker } } },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/shared/**'],
    rules: { 'no-restricted-globals': restrictGlobals(nodeOnly, 'src/ runs in the browser: no Node globals.') },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: globals['shared-node-browser'] },
    rules: { 'no-restricted-globals': restrictGlobals([...nodeOnly, ...browserOnly], 'src/shared runs in the browser and in Node: only globals both have.') },
  },
  {
    files: ['server/**/*.{ts,js,mjs}'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-globals': restrictGlobals(browserOnly, 'server/ runs in Node: no browser globals.') },
  },
  // Tests run in Node and hand functions to the browser (page.evaluate), which use its globals.
  { files: ['test/**/*.{ts,tsx,js,mjs}'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  { files: ['*.{js,mjs,ts}'], languageOptions: { globals: globals.node } },
]

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'data', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Focused or skipped tests hide failures.
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only' }, { object: 'it', property: 'skip' },
        { object: 'test', property: 'only' }, { object: 'test', property: 'skip' },
        { object: 'describe', property: 'only' }, { object: 'describe', property: 'skip' },
      ],
    },
  },
  ...globalsConfig,
  ...layerConfig,
  {
    // The string tables load one language at a time (the language not in use is not in the
    // first download); app code goes through lang.ts, which loads the table in use.
    // The tables are written in src/shared/i18n/zh/ and en/ (the server's exports read them too);
    // the browser reaches them only through src/i18n/zhCN.ts and en.ts, each its own chunk.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/i18n/lang.ts', 'src/i18n/strings.ts', 'src/i18n/zhCN.ts', 'src/i18n/en.ts', 'src/shared/i18n/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{
        group: ['**/i18n/strings', '**/i18n/zhCN', '**/i18n/en', '**/i18n/zh', '**/i18n/zh/*', '**/i18n/en/*'],
        message: 'Import src/i18n/lang.ts: the string tables load one language at a time.',
      }] }],
    },
  },
)
