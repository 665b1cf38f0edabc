/**
 * Which of index.html's scripts the page's policy allows by hash (server/http/shellPolicy.ts): the
 * page's own inline scripts, exactly — not a `<script>` inside a comment, not a script file. The
 * served header is checked in httpStatic.test.ts, and Chromium running the page's own script under
 * it (no violation) in test/e2e/xss.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { inlineScripts } from '../../server/http/shellPolicy.js'

describe('the inline scripts of index.html', () => {
  it('are the bodies of <script> elements without a src, in order', () => {
    const html = '<head><script id="own">var a = 1;</script><script type="module" src="/assets/x.js"></script><script>var b = "</scrip";</script></head>'
    expect(inlineScripts(html)).toEqual(['var a = 1;', 'var b = "</scrip";'])
  })

  it('ignore a <script> written inside a comment, which would otherwise swallow the real one', () => {
    const html = '<head><!-- the preload <script> goes here --><script id="own">var a = 1;</script></head>'
    expect(inlineScripts(html)).toEqual(['var a = 1;'])
  })

  it('count a script with a data-src attribute as inline, and one with src as a file', () => {
    const html = '<script data-src="x">var c = 3;</script><script defer src="/y.js"></script><script\nsrc="/z.js"></script>'
    expect(inlineScripts(html)).toEqual(['var c = 3;'])
  })
})
