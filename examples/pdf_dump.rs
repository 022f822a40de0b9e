//! Prints what the PDF reader sees on each page: glyph lines, rules, tables (a debugging aid).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "a debugging aid on files given by hand"
)]

fn main() {
    let path = std::env::args().nth(1).expect("usage: pdf_dump FILE.pdf");
    let bytes = std::fs::read(path).unwrap();
    if std::env::var("TIME").is_ok() {
        let t = std::time::Instant::now();
        for _ in 0..20 {
            let _ = zfxxgk::pdf::pages(&bytes, &zfxxgk::pdf::Limits::default()).unwrap();
        }
        println!("pages: {:?} per read", t.elapsed() / 20);
        let t = std::time::Instant::now();
        for _ in 0..20 {
            let _ = zfxxgk::pdf::read(&bytes).unwrap();
        }
        println!("read: {:?} per read", t.elapsed() / 20);
        return;
    }
    let pages = zfxxgk::pdf::pages(&bytes, &zfxxgk::pdf::Limits::default()).unwrap();
    for p in &pages {
        println!(
            "== page {}: {} glyphs, {} rules, {} rectangles, {} segments, unmapped {:?}",
            p.number,
            p.glyphs.len(),
            p.rules.len(),
            p.rectangles,
            p.segments,
            p.unmapped
        );
    }
    if let Ok(n) = std::env::var("GLYPHS") {
        let p = &pages[n.parse::<usize>().unwrap() - 1];
        for g in p.glyphs.iter().take(40) {
            println!(
                "glyph {} x {:7.2} y {:7.2} adv {:6.2} size {:6.2}",
                g.text, g.x, g.y, g.advance, g.size
            );
        }
    }
    if let Ok(n) = std::env::var("RULES") {
        let p = &pages[n.parse::<usize>().unwrap() - 1];
        for r in &p.rules {
            println!("rule {:7.2} {:7.2} {:7.2} {:7.2}", r.x0, r.y0, r.x1, r.y1);
        }
    }
    let doc = zfxxgk::pdf::layout::Document::new(&pages);
    for b in &doc.blocks {
        match b {
            zfxxgk::pdf::layout::Block::Line(l) => {
                println!("{:>3} {:6.1} | {}", l.page, l.area[1], l.text)
            }
            zfxxgk::pdf::layout::Block::Table(t) => {
                println!("-- table, {} rows", t.rows);
                let mut row = usize::MAX;
                for c in &t.cells {
                    if c.row != row {
                        row = c.row;
                        print!("\n  [{}]", c.row);
                    }
                    print!(
                        " |{}{}",
                        c.text,
                        if c.colspan > 1 || c.rowspan > 1 {
                            format!("({}x{})", c.rowspan, c.colspan)
                        } else {
                            String::new()
                        }
                    );
                }
                println!();
            }
        }
    }
}
