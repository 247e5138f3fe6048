import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isHardWrapped, joinHardWraps, lineWidth } from './hard-wraps';
import { CLAUSE_PUNCTUATION, ENDS_CLOSED, LAYOUT } from './rules';

function seed(name: string): string {
  return readFileSync(new URL(`../../../../seeds/${name}`, import.meta.url), 'utf8');
}

const PDF_PAGE = '003_b5fd25ce164c3633.txt';
const WEB_PAGES = [
  '000_ec02ae82ae10b707.txt',
  '001_21bc241343c95277.txt',
  '002_9eda0a97505da87c.txt',
  '004_7f3215a5263048ee.txt',
];

describe('lineWidth', () => {
  it('counts ASCII as half a column', () => {
    expect(lineWidth('党建铸魂')).toBe(4);
    expect(lineWidth('下设 15个')).toBe(4.5);
  });
});

describe('isHardWrapped', () => {
  it('sees the PDF page as hard-wrapped', () => {
    expect(isHardWrapped(seed(PDF_PAGE))).toBe(true);
  });
  it.each(WEB_PAGES)('sees web-copied %s as not hard-wrapped', (name) => {
    expect(isHardWrapped(seed(name))).toBe(false);
  });
});

describe('joinHardWraps on the PDF page (003)', () => {
  const paragraphs = joinHardWraps(seed(PDF_PAGE));
  const holding = (fragment: string) => paragraphs.filter((p) => p.includes(fragment));

  it('joins a quotation wrapped over six lines into one paragraph', () => {
    const [quote] = holding('信宜市卫生健康局局长兼信宜市人民医院党委书记周永飞说。');
    expect(quote).toBeDefined();
    expect(quote!.startsWith('“回顾医院改革发展的历程，我们深刻体会到')).toBe(true);
    expect(holding('周永飞说。')).toHaveLength(1);
  });

  it('joins over a column break that falls mid-sentence', () => {
    expect(holding('不断促进党建工作与医院业务工作的深度融合')).toHaveLength(1);
    expect(holding('服务质量、党风行风及“我为群众办实事”实践活动')).toHaveLength(1);
    expect(holding('夯实“基础柱”，使党建“软实力”不断获得提升。')).toHaveLength(1);
    expect(holding('深化服务内涵是该院提升核心竞争力')).toHaveLength(1);
    expect(holding('安排，该院开启驻院外核酸采样')).toHaveLength(1);
    expect(holding('儿童疾病质控中心，“既服务区域百姓')).toHaveLength(1);
  });

  it('keeps paragraph breaks after a sentence and around subheads', () => {
    expect(paragraphs.slice(0, 3)).toEqual([
      '党建铸魂',
      '夯实组织“基础柱”',
      '目前，医院党委下设 15个党支部，共有党员293人。医院党委通过强根铸魂，苦练思想“内功”，夯实“基础柱”，使党建“软实力”不断获得提升。',
    ]);
    expect(paragraphs).toContain('实现资源融合发力');
    expect(paragraphs).toContain('推动服务更精细便捷');
    expect(paragraphs).toContain('（上接第1版）');
    expect(paragraphs).toContain('图片由信宜市人民医院提供');
    expect(paragraphs).toContain('——广东省信宜市人民医院以党建引领高质量发展');
    expect(paragraphs).toContain('拿出推进高质量发展的实招硬招');
    expect(paragraphs.at(-1)).toBe('川渝同步启动全国安全用药月活动');
  });

  it('joins the narrow lead column under the headline', () => {
    expect(paragraphs).toContain(
      '建院于1931年的广东省信宜市人民医院地处广东省西南部、茂名市北部。',
    );
  });

  it('keeps the spaces the source had between digit runs and CJK', () => {
    expect(holding('11月 23日，川渝 2022 年“全国安全用药月”活动')).toHaveLength(1);
    expect(holding('建成了 42个学科联盟，拥有 703个远程网络协同单位。')).toHaveLength(1);
  });

  it('leaves no wrapped fragment: a paragraph ends a sentence or is a short line', () => {
    const fragments = paragraphs.filter(
      (p) =>
        !ENDS_CLOSED.test(p) &&
        lineWidth(p) > LAYOUT.maxHeadlineWidth &&
        CLAUSE_PUNCTUATION.test(p) &&
        // The one line where a headline runs into the next story's opener.
        !p.includes(' 本报讯 '),
    );
    expect(fragments).toEqual([]);
  });
});

describe('joinHardWraps on web-copied text', () => {
  it.each(WEB_PAGES)('%s: one paragraph per non-empty line, indentation removed', (name) => {
    const text = seed(name);
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    const paragraphs = joinHardWraps(text);
    expect(paragraphs).toHaveLength(lines.length);
    for (const p of paragraphs) expect(p).toBe(p.trim());
  });

  it('strips full-width and ASCII indentation (000)', () => {
    const paragraphs = joinHardWraps(seed('000_ec02ae82ae10b707.txt'));
    expect(paragraphs).toContain('党建引领和校地共建为医院发展插上腾飞的翅膀。');
    expect(paragraphs).toContain('文/汪万里、张子珊');
  });
});

describe('joinHardWraps on small cases', () => {
  it('keeps a selection of two paragraphs as two', () => {
    const text =
      '　　近年来，医院党委围绕新时代党的建设总要求，以高质量党建引领高质量发展。\n' +
      '　　医院先后获得全国文明单位、全国特色医院文化单位等荣誉。\n';
    expect(joinHardWraps(text)).toEqual([
      '近年来，医院党委围绕新时代党的建设总要求，以高质量党建引领高质量发展。',
      '医院先后获得全国文明单位、全国特色医院文化单位等荣誉。',
    ]);
  });

  it('joins a wrapped mix of CJK, Latin and digits', () => {
    const text = [
      '医院引进的达芬奇Xi手术机器人已',
      '完成手术 1200 例，其中一项研究',
      '题为Robotic surgery in the',
      'elderly，由 Intuitive Surgical',
      '提供支持，平均住院日缩短到4.5天。',
    ].join('\n');
    expect(joinHardWraps(text)).toEqual([
      '医院引进的达芬奇Xi手术机器人已完成手术 1200 例，其中一项研究题为Robotic surgery in the elderly，由 Intuitive Surgical提供支持，平均住院日缩短到4.5天。',
    ]);
  });

  it('keeps a space the source left before a line break next to a digit run', () => {
    const text = [
      '医院今年共开展各类手术合计达到 ',
      '1200例，比去年同期增长了百分之',
      '二十，门诊量也明显增长，达到了',
      '新的高度，获得了群众的好评。',
    ].join('\n');
    expect(joinHardWraps(text)[0]).toContain('合计达到 1200例，比去年');
  });

  it('joins over a blank column break but not over a blank after a sentence', () => {
    const text = [
      '该院充分发挥公立医院党委的领导',
      '作用，紧紧围绕公立医院高质量发',
      '',
      '展主线，坚持疫情防控和业务发展',
      '两手抓，取得了明显的成效。',
      '',
      '医院坚持党性教育开展常态化、制',
      '度化，扎实推进党史学习教育。',
    ].join('\n');
    expect(joinHardWraps(text)).toEqual([
      '该院充分发挥公立医院党委的领导作用，紧紧围绕公立医院高质量发展主线，坚持疫情防控和业务发展两手抓，取得了明显的成效。',
      '医院坚持党性教育开展常态化、制度化，扎实推进党史学习教育。',
    ]);
  });

  it('ends a paragraph at a short line when no blank lines separate paragraphs', () => {
    const text = [
      '党建铸魂',
      '目前医院党委下设十五个党支部，',
      '共有党员二百九十三人，医院党委',
      '通过强根铸魂，苦练思想内功。',
      '医院坚持党性教育开展常态化、制',
      '度化，扎实推进党史学习教育，开',
      '展集体过政治生日等活动。',
    ].join('\n');
    expect(joinHardWraps(text)).toEqual([
      '党建铸魂',
      '目前医院党委下设十五个党支部，共有党员二百九十三人，医院党委通过强根铸魂，苦练思想内功。',
      '医院坚持党性教育开展常态化、制度化，扎实推进党史学习教育，开展集体过政治生日等活动。',
    ]);
  });

  it('does not join a full-width headline to the story opener after it', () => {
    const text = [
      '由工作人员现场公开打印考题，分发',
      '考生进行解答，通过综合得分确定',
      '聘用人选，最终选聘二十九人。',
      '',
      '拿出推进高质量发展的实招硬招',
      '',
      '本报讯 （特约记者魏剑）近日，汉',
      '阴县妇幼保健院联合开展竞聘上岗。',
    ].join('\n');
    const paragraphs = joinHardWraps(text);
    expect(paragraphs[1]).toBe('拿出推进高质量发展的实招硬招');
    expect(paragraphs[2]).toBe('本报讯 （特约记者魏剑）近日，汉阴县妇幼保健院联合开展竞聘上岗。');
  });
});
