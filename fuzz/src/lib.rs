//! A structure-aware generator for the fuzz targets: a report's text built from pieces —
//! section headings, table rows with their official labels, runs of digits, marks, prose
//! sentences with figures, subjects, totals and their parts — chosen by the fuzzer's bytes,
//! because random bytes rarely reach the prose check or a table row the readers recognise.

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use zfxxgk::{Cell, CellType, Edition, Report};

/// The headings of the six sections, as reports number them.
const HEADINGS: &[&str] = &[
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// Labels of table rows (both editions) and of header cells.
const LABELS: &[&str] = &[
    "规章",
    "行政规范性文件",
    "规范性文件",
    "行政许可",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "政府集中采购",
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "1.属于国家秘密",
    "（四）无法提供",
    "1.本机关不掌握相关政府信息",
    "（五）不予处理",
    "（六）其他处理",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
];

/// Words of the prose rules: subjects, fillers, qualifiers, times, totals.
const WORDS: &[&str] = &[
    "共",
    "共计",
    "合计",
    "累计",
    "其中",
    "收到",
    "新收",
    "受理",
    "申请",
    "政府信息公开申请",
    "未收到",
    "无依申请公开",
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "上年结转",
    "结转下年度",
    "结转至",
    "予以公开",
    "部分公开",
    "不予公开",
    "无法提供",
    "不予处理",
    "其他处理",
    "现行有效",
    "规章",
    "行政规范性文件",
    "行政许可",
    "行政处罚",
    "行政强制",
    "的",
    "案件",
    "决定",
    "为",
    "有",
    "约",
    "近",
    "余",
    "多",
    "等",
    "分别",
    "上年",
    "同比",
    "增长",
    "第",
    "年",
    "度",
    "和",
    "及",
    "、",
    "，",
    "；",
    "：",
    "（",
    "）",
    "不",
    "因",
    "涉及",
    "属于",
    "公开信息",
    "条",
    "件",
    "宗",
    "起",
    "项",
    "个",
    "%",
    "万",
    ".",
    " ",
    "\n",
    "其他",
    "其余",
    "网站",
    "微信",
];

/// Marks for "none" and text that is not a number.
const MARKS: &[&str] = &[
    "/", "-", "—", "无", "／", "不详", "12件", "约5", "-3", "2.5",
];

const CHINESE_DIGITS: &[char] = &[
    '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万',
    '亿',
];

fn pick<'a>(u: &mut Unstructured<'_>, from: &[&'a str]) -> Result<&'a str> {
    Ok(*u.choose(from)?)
}

/// A number as reports write it: small, large, a long run of digits, or Chinese numerals.
pub fn number(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(match u.int_in_range(0u8..=5)? {
        0 => u.int_in_range(0u32..=30)?.to_string(),
        1 => u.int_in_range(0u64..=u64::MAX)?.to_string(),
        2 => {
            let n = u.int_in_range(1usize..=400)?;
            let d = char::from(b'0'.saturating_add(u.int_in_range(0u8..=9)?));
            d.to_string().repeat(n)
        }
        3 => {
            let n = u.int_in_range(1usize..=12)?;
            let mut s = String::new();
            for _ in 0..n {
                s.push(*u.choose(CHINESE_DIGITS)?);
            }
            s
        }
        4 => format!(
            "{}.{}",
            u.int_in_range(0u32..=999)?,
            u.int_in_range(0u8..=99)?
        ),
        _ => format!("{}", u.int_in_range(2019u16..=2026)?),
    })
}

/// A prose sentence: words, numbers with units, and subjects with their figures.
pub fn sentence(u: &mut Unstructured<'_>) -> Result<String> {
    let mut s = String::new();
    let pieces = u.int_in_range(1usize..=40)?;
    for _ in 0..pieces {
        match u.int_in_range(0u8..=3)? {
            0 | 1 => s.push_str(pick(u, WORDS)?),
            2 => s.push_str(&number(u)?),
            _ => {
                s.push_str(&number(u)?);
                s.push_str(pick(u, &["件", "条", "宗", "起", "项", "%"])?);
            }
        }
    }
    // Repeat the sentence's body: many mentions in one clause.
    let times = if u.ratio(1u8, 8u8)? {
        u.int_in_range(2usize..=200)?
    } else {
        1
    };
    let mut out = s.repeat(times.min((MAX_TEXT / s.len().max(1)).max(1)));
    out.push_str(pick(u, &["。", "！", "？", "\n\n", "", "\n"])?);
    Ok(out)
}

/// A table row: a label and values separated as PDF text, layout text or Markdown separate
/// them.
pub fn row(u: &mut Unstructured<'_>) -> Result<String> {
    let sep = pick(u, &[" ", "  ", "\t", " | ", "            "])?;
    let markdown = sep == " | ";
    let mut s = String::new();
    if markdown {
        s.push_str("| ");
    }
    s.push_str(pick(u, LABELS)?);
    let values = u.int_in_range(0usize..=16)?;
    for _ in 0..values {
        s.push_str(sep);
        if u.ratio(1u8, 6u8)? {
            s.push_str(pick(u, MARKS)?);
        } else if u.ratio(1u8, 10u8)? {
            // a blank cell
        } else {
            s.push_str(&number(u)?);
        }
    }
    if markdown {
        s.push_str(" |");
    }
    s.push('\n');
    Ok(s)
}

/// The most text a generator builds from one input (about [`MAX_TEXT`] bytes, past it by at most
/// one part). Repetition would otherwise turn 400 bytes into half a megabyte, which the
/// instrumented build reads in seconds — linearly, but past `-timeout=2` on a loaded machine.
/// Growth with size is proved by the work-count tests (`tests/linear*.rs`); the fuzzers look
/// for shapes, and a superlinear shape is slow well within this size.
pub const MAX_TEXT: usize = 64 * 1024;

/// A report's text: a title, then sections with headings, prose and table rows in an order
/// the fuzzer picks (often the official one, sometimes not, sometimes repeated), up to about
/// [`MAX_TEXT`] bytes.
pub fn report_text(u: &mut Unstructured<'_>) -> Result<String> {
    let mut s = String::new();
    if u.ratio(3u8, 4u8)? {
        s.push_str(pick(
            u,
            &["某县某局", "某市人民政府办公室", "某街道办事处", ""],
        )?);
        s.push_str(&u.int_in_range(2019u16..=2026)?.to_string());
        s.push_str(pick(
            u,
            &["年政府信息公开工作年度报告", "年度政府信息公开工作报告"],
        )?);
        s.push_str("\n\n");
    }
    let parts = u.int_in_range(1usize..=60)?;
    let mut section = 0usize;
    for _ in 0..parts {
        if s.len() >= MAX_TEXT {
            break;
        }
        match u.int_in_range(0u8..=5)? {
            0 => {
                // The next heading in order, or any heading.
                let h = if u.ratio(3u8, 4u8)? {
                    let h = HEADINGS
                        .get(section % HEADINGS.len())
                        .copied()
                        .unwrap_or("");
                    section = section.wrapping_add(1);
                    h
                } else {
                    pick(u, HEADINGS)?
                };
                if u.ratio(1u8, 4u8)? {
                    s.push_str("## ");
                }
                s.push_str(h);
                s.push('\n');
            }
            1 | 2 => s.push_str(&sentence(u)?),
            3 | 4 => {
                let rows = u.int_in_range(1usize..=30)?;
                for _ in 0..rows {
                    s.push_str(&row(u)?);
                }
            }
            _ => {
                // Many short sections, or a run of table-like lines.
                let n = u.int_in_range(1usize..=300)?;
                let piece = row(u)?;
                let room = MAX_TEXT.saturating_sub(s.len()) / piece.len().max(1);
                s.push_str(&piece.repeat(n.min(room.max(1))));
            }
        }
    }
    Ok(s)
}

/// The report the `narrative` target compares its prose with: an edition and a year, then
/// some cells filled, some blank and some marked `/`, so that comparisons run and some are not
/// assessable.
pub fn narrative_report(u: &mut Unstructured<'_>) -> Result<Report> {
    let edition = *u.choose(&[Edition::E2019, Edition::E2021])?;
    let year = u.int_in_range(2019u16..=2026).unwrap_or(2024);
    let mut report = Report::new("某县某局", year, edition);
    for a in report.addresses() {
        let Ok(n) = u.int_in_range(0u8..=24) else {
            break;
        };
        if n < 20 {
            report.set(a, Cell::from_text(&n.to_string(), a.cell_type()));
        } else if n == 20 {
            report.set(a, Cell::from_text("/", CellType::Count));
        }
    }
    Ok(report)
}

/// The prose the `narrative` target checks: sentences until the bytes run out or the text
/// reaches [`MAX_TEXT`].
pub fn narrative_prose(u: &mut Unstructured<'_>) -> String {
    let mut text = String::new();
    while !u.is_empty() && text.len() < MAX_TEXT {
        match sentence(u) {
            Ok(s) => text.push_str(&s),
            Err(_) => break,
        }
    }
    text
}
