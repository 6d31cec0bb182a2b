//! The `passend` command line. It only parses arguments and calls the library.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "passend", version, about = "Website van een samenwerkingsverband passend onderwijs: ondersteuningsplan, scholen, steunpunt en OOGO")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Bouw de website in een nieuwe map en zet die in één keer op de plaats van de oude.
    Build {
        /// Map van de site (met passend.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Uitvoermap; standaard public/ in de map van de site.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Bekijk de site op 127.0.0.1 terwijl u werkt; wijzigingen verschijnen direct.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
    },
    /// Controleer alle bestanden zonder iets te schrijven.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Waarschuwingen tellen als fouten.
        #[arg(long)]
        strict: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Exporteer documenten, zoals de OOGO-samenvattingen voor gemeenten.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Zoek in de gebouwde site, zoals een ouder zoekt: "mijn kind is dyslectisch".
    Search {
        /// De zoekvraag (meer woorden mogen, ook zonder aanhalingstekens).
        /// Opties mogen ook na de zoekvraag staan (`passend search dyslexie --limit 5`); alles na
        /// `--` hoort bij de zoekvraag.
        #[arg(num_args = 0..)]
        query: Vec<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Map van de gebouwde site; standaard public/ in de map van de site.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Antwoord als JSON.
        #[arg(long)]
        json: bool,
        /// Hoeveel resultaten hooguit.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Zet de tekst van een ondersteuningsplan uit een pdf (pdftotext) om in hoofdstukken, of
    /// lees scholen in: `passend import scholen BESTAND`.
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Import {
        #[command(subcommand)]
        what: Option<ImportWhat>,
        /// Het plan: een Word-document (.docx), OpenDocument-tekst (.odt) of tekst, bijvoorbeeld gemaakt met `pdftotext plan.pdf plan.txt`.
        #[arg(required = true)]
        plan: Option<PathBuf>,
        /// Map voor de hoofdstukken (NN-slug.md); kopieer ze daarna naar content/plan/.
        #[arg(long, default_value = "import")]
        output: PathBuf,
        /// Overschrijf bestaande bestanden in de uitvoermap.
        #[arg(long)]
        force: bool,
    },
    /// Maak een nieuwe site om mee te beginnen.
    Init {
        /// Nieuwe (lege) map.
        dir: PathBuf,
        /// Begin met de hoofdstukken van dit plan (tekst of Word-document) in plaats van voorbeeldinhoud.
        #[arg(long)]
        plan: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// Scholen uit het register van DUO ('Adressen alle vestigingen', CSV) of uit het
    /// SOP-werkblad (xlsx, ods of csv) bijwerken in schools/*.toml.
    Scholen {
        /// Het register van DUO (.csv) of het ingevulde werkblad (.xlsx, .ods, .csv).
        file: PathBuf,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Alleen de vestigingen van deze BRIN-nummers (komma's ertussen).
        #[arg(long, value_delimiter = ',')]
        brin: Vec<String>,
        /// Alleen de vestigingen van dit samenwerkingsverband (een kolom van het register).
        #[arg(long)]
        swv: Option<String>,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    /// Samenvatting per gemeente (en voor de regio) langs de thema's van de leeswijzer.
    Oogo {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Alleen deze gemeente (of `regio`); zonder: alle gemeenten en de regio.
        #[arg(long)]
        gemeente: Option<String>,
        /// html, md, odt, docx, csv of json; zonder: alle formaten.
        #[arg(long)]
        format: Option<String>,
        /// Map waarin de bestanden komen.
        #[arg(long, default_value = "oogo-export")]
        output: PathBuf,
    },
    /// Het werkblad voor de jaarlijkse ronde langs de scholen: één rij per school, terug te
    /// lezen met `passend import scholen`.
    Scholen {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Alleen xlsx.
        #[arg(long, default_value = "xlsx")]
        format: String,
        /// Het bestand dat wordt geschreven.
        #[arg(long, default_value = "sop-ronde.xlsx")]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    exit_quietly_on_closed_pipe();
    match Cli::parse().command {
        Command::Build { root, output } => {
            let dest = output.unwrap_or_else(|| passend::layout::SiteLayout::new(&root).output());
            match passend::build(&root, &dest) {
                Ok(report) => {
                    if !report.diagnostics.is_empty() {
                        eprint!("{}", report.diagnostics.to_text());
                    }
                    eprintln!("{} pagina's ({} bestanden) geschreven naar {}", report.pages, report.files, dest.display());
                    ExitCode::SUCCESS
                }
                Err(passend::BuildError::Invalid(diags)) => {
                    eprint!("{}", diags.to_text());
                    eprintln!("Build mislukt: {} is niet gewijzigd.", dest.display());
                    ExitCode::FAILURE
                }
                Err(passend::BuildError::Write(e)) => {
                    eprintln!("fout: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve { root, port } => match passend::serve::serve(&root, port) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("fout: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Check { root, strict, format } => {
            let diags = passend::check(&root, strict);
            match format {
                Format::Text => eprint!("{}", diags.to_text()),
                Format::Json => println!("{}", diags.to_json()),
            }
            if diags.has_errors() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Export { what: ExportWhat::Oogo { root, gemeente, format, output } } => {
            let files = match passend::export_oogo(&root, gemeente.as_deref(), format.as_deref()) {
                Ok(f) => f,
                Err(passend::build::ExportError::Invalid(diags)) => {
                    eprint!("{}", diags.to_text());
                    return ExitCode::FAILURE;
                }
                Err(passend::build::ExportError::Usage(e)) => {
                    eprintln!("fout: {e}");
                    return ExitCode::FAILURE;
                }
            };
            for (rel, bytes) in &files {
                let path = output.join(rel);
                if let Err(e) = path.parent().map(std::fs::create_dir_all).unwrap_or(Ok(())).and_then(|()| std::fs::write(&path, bytes)) {
                    eprintln!("fout: schrijven naar {} mislukt: {e}", path.display());
                    return ExitCode::FAILURE;
                }
                eprintln!("  {}", path.display());
            }
            eprintln!("{} bestanden geschreven naar {}", files.len(), output.display());
            ExitCode::SUCCESS
        }
        Command::Export { what: ExportWhat::Scholen { root, format, output } } => match passend::export_scholen(&root, &format) {
            Ok(bytes) => match std::fs::write(&output, bytes) {
                Ok(()) => {
                    eprintln!("Werkblad geschreven naar {}", output.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("fout: schrijven naar {} mislukt: {e}", output.display());
                    ExitCode::FAILURE
                }
            },
            Err(passend::build::ExportError::Invalid(diags)) => {
                eprint!("{}", diags.to_text());
                ExitCode::FAILURE
            }
            Err(passend::build::ExportError::Usage(e)) => {
                eprintln!("fout: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Search { query, root, output, json, limit } => {
            let dir = output.unwrap_or_else(|| passend::layout::SiteLayout::new(&root).output());
            match passend::search::Searcher::open(&dir) {
                Ok(searcher) => {
                    // A damaged index file can make the index library panic deep inside its
                    // reader; that is a broken build, not a bug to show a user as a crash.
                    std::panic::set_hook(Box::new(|_| {}));
                    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| searcher.search(&query.join(" "), limit))) {
                        Ok(response) => {
                            print!("{}", if json { response.to_json() + "\n" } else { response.to_text() });
                            ExitCode::SUCCESS
                        }
                        Err(_) => {
                            eprintln!("fout: de zoekindex in {} is beschadigd; bouw de site opnieuw met `passend build`", dir.join(passend::search::INDEX_DIR).display());
                            ExitCode::FAILURE
                        }
                    }
                }
                Err(e) => {
                    eprintln!("fout: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Import { what: Some(ImportWhat::Scholen { file, root, brin, swv }), .. } => {
            match passend::school_import::import(&root, &file, &passend::school_import::Selection { brin, swv }) {
                Ok(imported) => {
                    if !imported.warnings.is_empty() {
                        eprint!("{}", imported.warnings.to_text());
                    }
                    print!("{}", imported.report.to_text());
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    eprint!("{}", diags.to_text());
                    eprintln!("Import mislukt: er is niets gewijzigd.");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Import { what: None, plan, output, force } => match passend::import::run(&plan.expect("required by clap"), &output, force) {
            Ok(import) => {
                print!("{}", import.report.to_text());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("fout: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Init { dir, plan: Some(plan) } => match passend::init::init_with_plan(&dir, &plan) {
            Ok(done) => {
                print!("{}", done.report);
                for f in done.files {
                    eprintln!("  {}", dir.join(f).display());
                }
                eprintln!("Nieuwe site gemaakt met de hoofdstukken uit het plan. `passend check --root {}` noemt wat nog te doen is.", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("fout: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Init { dir, plan: None } => match passend::init::init(&dir) {
            Ok(files) => {
                for f in files {
                    eprintln!("  {}", dir.join(f).display());
                }
                eprintln!("Nieuwe site gemaakt. Bekijk hem met: passend serve --root {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("fout: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

/// `passend check --format json | head -1` closes the pipe early; Rust ignores SIGPIPE and then
/// panics in `println!`. Restoring the default action ends the process quietly instead, as
/// every Unix command does.
fn exit_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any thread exists; SIG_DFL is a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
