//! The `praxis` command: `serve` (the default) and the administrative subcommands.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::accounts::model::{LinkKind, NewAccount};
use crate::accounts::{admin, service};
use crate::config::Config;
use crate::error::{AppError, AppResult};
use crate::platform::clock;
use crate::platform::db::Database;

/// Exit code for a failure of the environment (database, files, port).
pub const EXIT_FAILURE: u8 = 1;
/// Exit code for input the command refuses (bad arguments, invalid values).
pub const EXIT_USAGE: u8 = 2;

/// Praxis: reflective practice journal, supervision and placement learning for social work.
#[derive(Debug, Parser)]
#[command(name = "praxis", version, about)]
pub struct Cli {
    /// Directory holding the database and generated secrets (created if missing).
    #[arg(long, env = "PRAXIS_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,

    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the web application (address and port from ROCKET_ADDRESS / ROCKET_PORT).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Rebuild the search index from the database (stop the server first).
    Reindex,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Record that a supervisor supervises someone, or a practice educator a student.
    Link(LinkArgs),
}

/// Account subcommands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; the password is read from standard input.
    Add(UserAddArgs),
}

/// Arguments of `praxis user add`.
#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// Sign-in name: letters, digits, dots, hyphens, underscores.
    #[arg(long)]
    pub username: String,
    /// practitioner, supervisor, student, practice_educator or admin.
    #[arg(long)]
    pub role: String,
    /// Name shown to others (defaults to the username).
    #[arg(long)]
    pub display_name: Option<String>,
    /// Read the password from the first line of standard input (required, so that it
    /// never appears in the shell history or the process list).
    #[arg(long, required = true)]
    pub password_stdin: bool,
}

/// Arguments of `praxis link`.
#[derive(Debug, Args)]
pub struct LinkArgs {
    /// Username of the supervisor or practice educator.
    #[arg(long)]
    pub supervisor: String,
    /// Username of the supervisee or student.
    #[arg(long)]
    pub supervisee: String,
    /// `line` (supervision) or `educator` (practice educator and student).
    #[arg(long, default_value = "line")]
    pub kind: String,
}

/// Runs the command line and returns the process's exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("praxis: {error}");
            match error {
                AppError::Internal(_) | AppError::Config(_) => ExitCode::from(EXIT_FAILURE),
                _ => ExitCode::from(EXIT_USAGE),
            }
        }
    }
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    // Rocket's own records arrive through the `log` bridge; keep only its warnings so the
    // console shows our address line and real problems.
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,rocket=warn,rocket::launch=error,_=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Runs one parsed command.
pub fn run(cli: Cli) -> AppResult<()> {
    let config = Config::new(cli.data_dir);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config),
        Command::Migrate => {
            let database = open(&config)?;
            let applied = database.migrate()?;
            println!("{applied} migration(s) applied; the database is up to date.");
            Ok(())
        }
        Command::Reindex => reindex(&config),
        Command::User(UserCommand::Add(args)) => add_user(&config, args),
        Command::Link(args) => link(&config, args),
    }
}

fn serve(config: Config) -> AppResult<()> {
    rocket::execute(async move {
        crate::build(config)?
            .launch()
            .await
            .map(|_| ())
            .map_err(|error| AppError::Internal(format!("the server stopped: {error}")))
    })
}

fn open(config: &Config) -> AppResult<Database> {
    std::fs::create_dir_all(config.data_dir())?;
    let database = Database::open(&config.database_path())?;
    database.migrate()?;
    Ok(database)
}

fn reindex(config: &Config) -> AppResult<()> {
    use indicatif::{ProgressBar, ProgressStyle};

    let database = open(config)?;
    let dir = config.index_dir();
    let (index, _) = crate::search::index::open_or_create(&dir)?;
    crate::search::schema::register_analyzer(&index);
    let fields = crate::search::schema::SearchFields::of(&index)
        .map_err(|error| AppError::Internal(format!("search index: {error}")))?;
    let mut writer = crate::search::index::writer(&index, 256).map_err(|error| match error {
        AppError::Internal(message) if message.contains("Lock") || message.contains("lock") => {
            AppError::Config(format!(
                "the search index in {} is in use; stop the server first",
                dir.display()
            ))
        }
        other => other,
    })?;
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(
            "{msg} [{bar:40}] {pos}/{len} entries ({per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_message("Rebuilding the search index");
    let started = std::time::Instant::now();
    let mut conn = database.conn()?;
    crate::search::rebuild::rebuild(&mut writer, &fields, &mut conn, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })?;
    writer
        .wait_merging_threads()
        .map_err(|error| AppError::Internal(format!("search index: {error}")))?;
    bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    let entries = bar.length().unwrap_or(0);
    println!(
        "Indexed {entries} entries in {seconds:.1} s ({:.0} entries/s).",
        entries as f64 / seconds.max(0.001)
    );
    Ok(())
}

fn add_user(config: &Config, args: UserAddArgs) -> AppResult<()> {
    let mut password = String::new();
    std::io::stdin().lock().read_line(&mut password)?;
    let password = password.trim_end_matches(['\r', '\n']);
    let account = NewAccount::validate(
        &args.username,
        args.display_name.as_deref(),
        &args.role,
        password,
    )
    .map_err(AppError::Invalid)?;
    let database = open(config)?;
    let mut conn = database.conn()?;
    let id = service::create_account(&mut conn, None, &account, None, clock::now())?;
    println!(
        "Created {} ({}) with id {id}.",
        account.username,
        account.role.as_str()
    );
    Ok(())
}

fn link(config: &Config, args: LinkArgs) -> AppResult<()> {
    let kind = LinkKind::parse(&args.kind)
        .ok_or_else(|| AppError::invalid("kind", "Use `line` or `educator`."))?;
    let database = open(config)?;
    let mut conn = database.conn()?;
    admin::link(
        &mut conn,
        None,
        &args.supervisor,
        &args.supervisee,
        kind,
        None,
        clock::now(),
    )?;
    println!("{} {} {}.", args.supervisor, kind.label(), args.supervisee);
    Ok(())
}
