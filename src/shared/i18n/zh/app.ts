/**
 * The Chinese strings of the app shell, the language switch and the home page. Part of the table
 * assembled in ./index.ts.
 */
export const appStrings = {
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
    switchFailed: '没有网络，暂时不能切换语言',
    switchFailedClose: '知道了',
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
} as const
