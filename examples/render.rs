//! Renders a cells CSV in the official layout: `render FORMAT FILE.cells.csv [OUT]`, where
//! FORMAT is `text`, `markdown`, `html`, `fragment` or (with the `xlsx` feature) `xlsx`, which
//! needs OUT. Used by `.ci/browser-check` to make the pages it loads.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [format, file, rest @ ..] = args.as_slice() else {
        eprintln!("usage: render text|markdown|html|fragment|xlsx FILE.cells.csv [OUT]");
        return ExitCode::from(2);
    };
    let input = match std::fs::read_to_string(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let report = match zfxxgk::cells::read(&input) {
        Ok(r) => r.report,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let out = match format.as_str() {
        "text" => zfxxgk::render::text::to_string(&report),
        "markdown" => zfxxgk::render::markdown::to_string(&report),
        "html" => zfxxgk::render::html::to_string(&report),
        "fragment" => zfxxgk::render::html::HtmlRenderer {
            page: false,
            ..Default::default()
        }
        .to_string(&report),
        #[cfg(feature = "xlsx")]
        "xlsx" => {
            let Some(path) = rest.first() else {
                eprintln!("xlsx needs an output path");
                return ExitCode::from(2);
            };
            return match zfxxgk::xlsx::write_file(&report, path) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{path}: {e}");
                    ExitCode::FAILURE
                }
            };
        }
        other => {
            eprintln!("unknown format {other}");
            return ExitCode::from(2);
        }
    };
    let _ = rest;
    print!("{out}");
    ExitCode::SUCCESS
}
