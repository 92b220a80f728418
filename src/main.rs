//! The `pobratim` binary: parse the command line, then run a command or open the app.

use clap::Parser;
use pobratim::cli::{self, Cli};
use std::process::ExitCode;

/// mimalloc rather than the system allocator: the model is about two million small strings,
/// which it keeps in less memory, and it gives freed memory back to the system (glibc keeps
/// a loaded file's freed text; see ARCHITECTURE.md, "Memory").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(command) => {
            let code = cli::run(&cli, command, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
            ExitCode::from(code)
        }
        None => pobratim::ui::run_gui(cli.data.as_deref(), cli.lang.map(Into::into), cli.today),
    }
}
