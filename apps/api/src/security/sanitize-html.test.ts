import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { createHtmlSanitizer } from './sanitize-html';

const sanitize = createHtmlSanitizer();

// The brief's allow-list, written out again so the test does not trust the code under test.
// biome-ignore format: one list
const ARTICLE_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li',
  'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'small', 'mark', 'code', 'pre',
  'figure', 'figcaption', 'img', 'a', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'caption', 'span', 'div',
];
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href', 'rel'],
  img: ['src', 'alt', 'width', 'height'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
};
const GLOBAL_ATTRIBUTES = ['title', 'lang', 'dir'];

function protocolOf(url: string, base: string): string | null {
  return URL.canParse(url, base) ? new URL(url, base).protocol : null;
}

/**
 * Independent of the sanitiser's own code: parses its output as a browser would (jsdom, with a
 * base URL so relative links resolve through the WHATWG URL parser) and lists every way it could run.
 */
function executableParts(html: string): string[] {
  const { document } = new JSDOM(`<!doctype html><body>${html}`, {
    url: 'https://jianbao.example/c/1',
    virtualConsole: new VirtualConsole(),
  }).window;
  const problems: string[] = [];
  // A stray <body> tag in the output would merge its attributes into this one.
  for (const { name } of document.body.attributes) problems.push(`attribute ${name} on body`);
  for (const element of document.head.children)
    problems.push(`element ${element.localName} in head`);
  for (const element of document.body.querySelectorAll('*')) {
    const tag = element.localName;
    if (element.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`foreign ${tag}`);
    if (!ARTICLE_TAGS.includes(tag)) problems.push(`element ${tag}`);
    for (const { name, value } of element.attributes) {
      if (name.startsWith('on')) problems.push(`handler ${name} on ${tag}`);
      if (!GLOBAL_ATTRIBUTES.includes(name) && !ALLOWED_ATTRIBUTES[tag]?.includes(name)) {
        problems.push(`attribute ${name} on ${tag}`);
      }
      if (name === 'href') {
        const protocol = protocolOf(value, document.baseURI);
        if (!protocol || !['http:', 'https:', 'mailto:'].includes(protocol))
          problems.push(`href ${value}`);
      }
      if (name === 'src') {
        const protocol = protocolOf(value, document.baseURI);
        const raster =
          protocol === 'data:' && /^data:image\/(png|jpeg|gif|webp)[;,]/i.test(value.trim());
        if (!(protocol === 'http:' || protocol === 'https:' || raster))
          problems.push(`src ${value}`);
      }
    }
  }
  return problems;
}

// OWASP XSS filter evasion cheat sheet and DOMPurify's mutation-XSS reports, one per row.
const XSS_VECTORS: [name: string, html: string][] = [
  ['script element', '<p>前</p><script>alert(1)</script><p>后</p>'],
  ['script with src', '<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['img onerror, grave accents', '<IMG SRC=`javascript:alert("XSS")` onerror=alert(1)>'],
  ['img javascript src', `<IMG SRC="javascript:alert('XSS');">`],
  ['img svg data src', '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'],
  ['img srcset', '<img src="https://a.example/1.png" srcset="javascript:alert(1) 1x">'],
  ['javascript: link', '<a href="javascript:alert(1)">点此</a>'],
  ['JAVASCRIPT: link', '<a href="JAVASCRIPT:alert(1)">x</a>'],
  ['tab inside scheme', '<a href="java&#x09;script:alert(1)">x</a>'],
  ['newline inside scheme', '<a href="jav&#x0A;ascript:alert(1)">x</a>'],
  ['leading control characters', '<a href=" &#14;  javascript:alert(1)">x</a>'],
  ['NUL inside scheme', '<a href="java&#0;script:alert(1)">x</a>'],
  [
    'decimal entities',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  ],
  [
    'hex entities without semicolons',
    '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>',
  ],
  ['named colon entity', '<a href="javascript&colon;alert(1)">x</a>'],
  ['full-width letters', '<a href="ｊａｖａｓｃｒｉｐｔ:alert(1)">x</a>'],
  [
    'data:text/html link',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  ],
  ['vbscript: link', '<a href="vbscript:msgbox(1)">x</a>'],
  ['onclick on link', '<a href="https://ok.example/" onclick="alert(1)">x</a>'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['script inside svg', '<svg><script>alert(1)</script></svg>'],
  ['svg xlink:href', '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['iframe javascript src', '<iframe src="javascript:alert(1)"></iframe>'],
  [
    'object and embed',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  ],
  ['style @import', "<style>@import 'https://xss.example/xss.css';</style>"],
  ['style attribute url()', '<div style="background:url(javascript:alert(1))">x</div>'],
  ['math mglyph style mXSS', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['svg p style mXSS', '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">'],
  [
    'noscript title mXSS',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  ],
  [
    'form action',
    '<form action="javascript:alert(1)"><input type=submit><button formaction="javascript:alert(1)">go</button></form>',
  ],
  ['input autofocus', '<input autofocus onfocus=alert(1)>'],
  ['base href', '<base href="javascript:alert(1)//"><a href="/x">x</a>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['link stylesheet', '<link rel=stylesheet href="javascript:alert(1)">'],
  ['template', '<template><img src=x onerror=alert(1)></template>'],
  ['body onload', '<body onload=alert(1)><p>x</p></body>'],
  ['details ontoggle', '<details open ontoggle=alert(1)>x</details>'],
  ['unknown element handler', '<xss onafterscriptexecute=alert(1)>x</xss>'],
  ['table background', '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>'],
  ['conditional comment', '<!--[if gte IE 4]><script>alert(1)</script><![endif]-->'],
  ['unclosed img', '<div><p>a</div><img src="x" onerror="alert(1)"'],
  ['class id data-*', '<p class="x" id="y" data-bind="alert(1)" name="z">x</p>'],
];

describe('createHtmlSanitizer', () => {
  it.each(XSS_VECTORS)('leaves nothing executable: %s', (_name, html) => {
    const clean = sanitize(html);
    expect(executableParts(clean)).toEqual([]);
    expect(sanitize(clean)).toBe(clean);
  });

  it('the checker flags every vector a browser would act on before sanitising', () => {
    // Guards against a checker that passes everything. These few are inert in a browser even
    // unsanitised: a NUL or full-width letters break the scheme, a comment is a comment, and a
    // tag cut off at the end of input is dropped.
    const inertRaw = [
      'NUL inside scheme',
      'full-width letters',
      'conditional comment',
      'unclosed img',
    ];
    for (const [name, html] of XSS_VECTORS) {
      expect(executableParts(html).length > 0, name).toBe(!inertRaw.includes(name));
    }
  });

  it('keeps text around removed elements and drops script and style content', () => {
    expect(sanitize('<p>前</p><script>alert(1)</script><style>p{}</style><p>后</p>')).toBe(
      '<p>前</p><p>后</p>',
    );
    expect(sanitize('<section><article><p>正文</p></article></section>')).toBe('<p>正文</p>');
  });

  it('keeps allowed links and marks them', () => {
    expect(
      sanitize('<a href="https://www.gov.cn/x.htm" target="_blank" rel="opener">国务院</a>'),
    ).toBe('<a href="https://www.gov.cn/x.htm" rel="noopener noreferrer nofollow">国务院</a>');
    expect(sanitize('<a href="/news/1.html">相对</a>')).toBe(
      '<a href="/news/1.html" rel="noopener noreferrer nofollow">相对</a>',
    );
    expect(sanitize('<a href="mailto:press@example.cn">邮件</a>')).toBe(
      '<a href="mailto:press@example.cn" rel="noopener noreferrer nofollow">邮件</a>',
    );
    expect(sanitize('<a href="ftp://x.example/">x</a>')).toBe(
      '<a rel="noopener noreferrer nofollow">x</a>',
    );
  });

  it('keeps http(s) and raster data images only', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(sanitize(`<img src="${png}" alt="图">`)).toBe(`<img src="${png}" alt="图">`);
    expect(sanitize('<img src="data:image/webp;base64,UklGRg==">')).toBe(
      '<img src="data:image/webp;base64,UklGRg==">',
    );
    expect(sanitize('<img src="data:image/svg+xml,<svg/>">')).toBe('<img>');
    expect(sanitize('<img src="/upload/1.jpg">')).toBe('<img>');
    expect(sanitize('<img src="ftp://x.example/1.jpg">')).toBe('<img>');
  });

  it('allows each attribute only on its element', () => {
    expect(
      sanitize('<p href="https://x.example/" src="https://x.example/1.png" colspan="2">x</p>'),
    ).toBe('<p>x</p>');
    expect(
      sanitize(
        '<img href="https://x.example/" src="https://x.example/1.png" width="640" height="abc">',
      ),
    ).toBe('<img src="https://x.example/1.png" width="640">');
    expect(sanitize('<p lang="zh-Hans" dir="ltr" title="说明" style="color:red">x</p>')).toBe(
      '<p lang="zh-Hans" dir="ltr" title="说明">x</p>',
    );
  });

  it('passes Chinese article markup through unchanged', () => {
    const article = [
      '<h2>坚持党建引领，共促健康发展</h2>',
      '<p>为全面贯彻落实新时代党的建设总要求，2023年7月10日下午，广州市白云区民营医疗行业党委召开医疗行业党建工作座谈会。</p>',
      '<figure><img src="https://www.example.cn/upload/2023/07/11/1.jpg" alt="座谈会现场" width="600" height="400"><figcaption>座谈会现场（摄影：汪万里）</figcaption></figure>',
      '<blockquote><p>“卫”民守健康</p></blockquote>',
      '<table><caption>参会单位</caption><thead><tr><th>单位</th><th colspan="2">人数</th></tr></thead>',
      '<tbody><tr><td>白云精康医院</td><td>12</td><td>人</td></tr></tbody></table>',
      '<p lang="zh-Hant">製度與麵向：<strong>加強基層黨建</strong>，<a href="https://www.example.cn/a.html" rel="noopener noreferrer nofollow">原文链接</a></p>',
    ].join('');
    const clean = sanitize(article);
    expect(clean).toBe(article);
    const text = (html: string) => new JSDOM(html).window.document.body.textContent;
    expect(text(clean)).toBe(text(article));
  });

  it('is stable: sanitising twice gives the same string', () => {
    const inputs = [
      '<p>一<b>二<i>三</b>四</i></p><table><td>格</td></table><a href=x>链</a>',
      '<ul><li>甲<li>乙</ul><pre>  代码\n  行</pre><p>&lt;script&gt; &amp; 中文</p>',
      '<div><p>未闭合<div>嵌套',
    ];
    for (const html of inputs) {
      const once = sanitize(html);
      expect(sanitize(once)).toBe(once);
    }
  });
});
