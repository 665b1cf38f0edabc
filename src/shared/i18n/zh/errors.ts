/**
 * The Chinese strings of the API client's errors by HTTP status. Part of the table assembled in
 * ./index.ts.
 */
export const errorsStrings = {
  errors: {
    network: '连不上服务器，请检查网络后再试。',
    badRequest: '填写的内容有问题，请检查后再试。',
    notFound: '没有找到。',
    tooMany: '操作太频繁了，请等一会儿再试。',
    tooLarge: '内容太大了，服务器不接收。',
    server: '服务器出了问题，请稍后再试。',
    unknown: '出了点问题（代码 {status}），请稍后再试。',
  },
} as const
