/**
 * Every string our own UI shows, in Simplified Chinese (the default) and English.
 * tldraw's own UI strings come from its bundled translations (@tldraw/assets); only the few we
 * override for clearer wording are listed in `tldrawOverrides`.
 *
 * Words are kept plain and short: many residents using the board are elderly and new to such tools.
 * Placeholders are written `{name}` and filled by `format()`; both languages use the same ones
 * (test/ui/i18n.test.ts checks keys, placeholders and that nothing is empty).
 */

const zhCN = {
  app: {
    name: '共绘',
    tagline: '大家一起画，一起商量我们身边的公共空间。',
    loading: '正在打开…',
    homeLink: '首页',
    backHome: '回到首页',
    notFoundTitle: '没有这个页面',
    notFoundBody: '这个网址不对，可能是输入时少了或多了字。',
    crashTitle: '出了点问题',
    crashBody: '请重新加载页面再试一次。',
    reload: '重新加载',
  },
  lang: {
    /** The label of the switch: the language it switches TO, written in that language. */
    switchTo: 'English',
    switchLabel: '切换到英文界面',
  },
  home: {
    createTitle: '新建一块白板',
    nameLabel: '白板名称',
    namePlaceholder: '例如：3号楼前的小花园',
    create: '新建',
    creating: '正在新建…',
    nameRequired: '请先写一个名称。',
    nameTooLong: '名称太长了，最多 {max} 个字。',
    recentTitle: '这台设备上打开过的白板',
    recentEmpty: '还没有。可以新建一块，或者打开别人发给您的链接。',
    recentHint: '从列表中移除不会删除白板，用链接还能再打开。',
    lastOpened: '上次打开：{time}',
    remove: '移除',
    removeLabel: '把“{name}”从列表中移除',
  },
  board: {
    untitled: '白板',
    notFoundTitle: '找不到这块白板',
    notFoundBody: '链接可能不完整，或者这块白板不在这台服务器上。请向发链接给您的人再要一次。',
    schemaError: '这块白板是用更新版本的程序保存的。请重新加载页面，才能看到大家的全部修改。',
    titleSuffix: '共绘',
    closedNotFound: '服务器上没有这块白板，您的修改没有发出去（还保存在这台设备上）。请确认链接是否正确。',
    closedRefused: '服务器不接收这块白板的修改（代码 {code}），已停止同步。您的修改还保存在这台设备上。请重新加载页面再试。',
  },
  status: {
    connecting: '正在连接',
    connected: '已连接',
    reconnecting: '正在重新连接',
    offline: '没有网络',
    connectingHint: '正在连接服务器，请稍等。',
    connectedHint: '您的修改大家马上就能看到。',
    reconnectingHint: '连接断了，正在重新连接。您的修改不会丢失。',
    offlineHint: '没有网络。您的修改先保存在这台设备上，联网后会自动同步给大家。',
  },
  people: {
    title: '在场 {count} 人',
    you: '（我）',
    anonymous: '未留名',
    follow: '跟随',
    following: '跟随中',
    followLabel: '跟着 {name} 看同一个地方',
    stopFollowLabel: '不再跟随 {name}',
    changeName: '改名字',
    show: '展开名单',
    hide: '收起名单',
    alone: '现在只有您。把链接发给大家吧。',
    copyLink: '复制链接',
    linkCopied: '链接已复制，可以发给大家了。',
    copyFallback: '长按下面的链接，选择“复制”：',
  },
  name: {
    title: '您怎么称呼？',
    body: '大家会在白板上看到这个名字。',
    label: '您的名字',
    placeholder: '例如：王阿姨',
    colorLabel: '选一个您喜欢的颜色',
    colorOption: '颜色 {n}',
    submit: '进入白板',
    save: '保存',
    cancel: '取消',
    required: '请写下您的名字。',
    tooLong: '名字太长了，最多 {max} 个字。',
  },
  upload: {
    wrongType: '只能放 PNG、JPEG、WebP 或 GIF 格式的图片。',
    tooLarge: '图片太大了，不能超过 {size}。',
    failed: '图片没有放上去。请换一张图片，或者稍后再试。',
    offline: '没有网络，图片暂时传不上去。联网后再试一次。',
  },
  errors: {
    network: '连不上服务器，请检查网络后再试。',
    badRequest: '填写的内容有问题，请检查后再试。',
    notFound: '没有找到。',
    tooMany: '操作太频繁了，请等一会儿再试。',
    tooLarge: '内容太大了，服务器不接收。',
    server: '服务器出了问题，请稍后再试。',
    unknown: '出了点问题（代码 {status}），请稍后再试。',
  },
  // @section:projects (project pages: new, join, home list)
  // @section:workflow (stage bar, roles, share panel, dashboard, history, permissions)
  // @section:measure (base plan, scale, measure tools)
}

/** The shape every language must have (derived from the Chinese, which is written first). */
export type Strings = typeof zhCN

const en: Strings = {
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
  board: {
    untitled: 'Board',
    notFoundTitle: 'Board not found',
    notFoundBody:
      'The link may be incomplete, or the board is not on this server. Please ask the person who sent it for the link again.',
    schemaError:
      'This board was saved by a newer version of the app. Please reload the page to see all changes.',
    titleSuffix: 'CommonGround',
    closedNotFound:
      'This board does not exist on the server, so your changes were not sent (they are kept on this device). Please check the link.',
    closedRefused:
      'The server refused changes to this board (code {code}) and syncing has stopped. Your changes are kept on this device. Please reload the page and try again.',
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
    title: 'People here: {count}',
    you: '(you)',
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
  errors: {
    network: 'Cannot reach the server. Please check the network and try again.',
    badRequest: 'Something you entered is not right. Please check it and try again.',
    notFound: 'Not found.',
    tooMany: 'Too many tries in a short time. Please wait a moment and try again.',
    tooLarge: 'That is too large for the server to accept.',
    server: 'The server had a problem. Please try again later.',
    unknown: 'Something went wrong (code {status}). Please try again later.',
  },
  // @section:projects (project pages: new, join, home list)
  // @section:workflow (stage bar, roles, share panel, dashboard, history, permissions)
  // @section:measure (base plan, scale, measure tools)
}

export const LANGS = ['zh-CN', 'en'] as const
export type Lang = (typeof LANGS)[number]
export const DEFAULT_LANG: Lang = 'zh-CN'

export const strings: Record<Lang, Strings> = { 'zh-CN': zhCN, en }

/** Fill `{placeholders}`; an unknown placeholder is left as written so a mistake stays visible. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  )
}

/** tldraw's locale code for each of our languages (tldraw ships zh-cn and en translations). */
export const TLDRAW_LOCALE: Record<Lang, string> = { 'zh-CN': 'zh-cn', en: 'en' }

/** Map a locale chosen in tldraw's own language menu back to one of ours. */
export function langFromLocale(locale: string | null | undefined): Lang {
  return locale?.toLowerCase().startsWith('zh') ? 'zh-CN' : locale ? 'en' : DEFAULT_LANG
}

export function isLang(value: unknown): value is Lang {
  return (LANGS as readonly unknown[]).includes(value)
}

/**
 * tldraw's messages for files it refuses before uploading, replaced by ours (the defaults are
 * vaguer: "file type not allowed"). Passed to <Tldraw overrides={{ translations }}>.
 */
export const tldrawTranslationOverrides: Record<string, Record<string, string>> = {
  'zh-cn': {
    'assets.files.type-not-allowed': zhCN.upload.wrongType,
    'assets.files.upload-failed': zhCN.upload.failed,
  },
  en: {
    'assets.files.type-not-allowed': en.upload.wrongType,
    'assets.files.upload-failed': en.upload.failed,
  },
}
