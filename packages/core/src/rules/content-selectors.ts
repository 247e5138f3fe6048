/**
 * Containers that CMSs, blog engines and WeChat use for an article's body. Readability scores
 * the page blind; where it takes far more than one of these holds (a blog index, a sidebar
 * pulled in) or far less, the container wins (`extract/body.ts`). Most specific first.
 */
export const CONTENT_SELECTORS = [
  '#js_content', // WeChat
  '.rich_media_content',
  '.TRS_Editor', // TRS, the CMS of most Chinese government portals
  '.trs_editor_view',
  '#zoom',
  '.article-content',
  '.article_content',
  '#articleContent',
  '#article_content',
  '.articleContent',
  '.news_content',
  '#news_content',
  '.news-content',
  '.detail-content',
  '.content_text',
  '.entry-content', // WordPress
  '.post-body', // Blogger and Chinese blog hosts
  '.post-content',
  '.blog_content',
  '.articalContent', // Sina blog
];
