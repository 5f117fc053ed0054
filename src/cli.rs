//! The `praxis` command: `serve` (the default) and the administrative subcommands.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use crate::accounts::model::{LinkKind, NewAccount};
use crate::accounts::{admin, directory, reset, service};
use crate::config::{self, Config, Settings};
use crate::demo;
use crate::error::{AppError, AppResult};
use crate::platform::db::Database;
use crate::platform::{backup, clock, data_dir};
use crate::search::rebuild::OfflineRebuild;

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
    /// Where the database is: `postgres://user:password@host/db` for PostgreSQL, or
    /// `sqlite://PATH` or a file path for SQLite (default: `praxis.sqlite3` in the data
    /// directory).
    #[arg(
        long,
        env = "PRAXIS_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    pub database_url: Option<String>,

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
    /// Fill a new data directory with a realistic demo team and journal (stop the server
    /// first).
    #[command(long_about = DEMO_HELP)]
    Demo(DemoArgs),
    /// Copy the database to a new file, safely while the server runs (the search index is
    /// not copied: it is rebuilt from the database).
    Backup {
        /// The file to write; it must not exist.
        #[arg(long)]
        out: PathBuf,
    },
    /// Put a backup in place of the database and rebuild the search index (stop the server
    /// first). The database it replaces is kept beside it, renamed.
    Restore {
        /// The backup to restore.
        #[arg(long)]
        from: PathBuf,
    },
    /// Copy this instance's SQLite database into an empty PostgreSQL database and verify
    /// the copy table by table (the SQLite database is only read; the server may run).
    MigrateTo {
        /// The target: `postgres://user@host/database` (a password may come from
        /// PGPASSWORD or ~/.pgpass instead of the URL).
        url: String,
    },
    /// Export everything a person holds (a subject access request), audited.
    Export(crate::export::cli::ExportArgs),
    /// Import entries from a Praxis, Day One or jrnl export, or from Markdown files.
    Import(crate::import::cli::ImportArgs),
}

const DEMO_HELP: &str = "\
Fill a new data directory with a realistic demo team and journal, then rebuild the search \
index (stop the server first).

Creates practitioners (demo-sw-001...), supervisors (demo-sup-001...) with line links, a \
student (demo-student-001...) with a practice educator (demo-pe-001...), and an administrator \
(demo-admin) from 6 users up; each worker's pseudonymised cases (FAM-001...); and journal \
entries over the last two years: diary notes, reflections (some following a reflective \
model), CPD records, written with the field's acronyms and legislation, linked to cases and \
catalogue tags, about 30% shared with a supervisor. The same --seed gives the same data (on \
the same day).

Every demo account's password is `praxis-demo-password`. It is published: never load demo \
data into an instance holding real records.

Refuses (exit code 2) when the database already has accounts. With --force it goes ahead: \
earlier demo accounts (usernames starting `demo-`) are deleted first, with their journals, \
cases and links; other accounts are left as they are.";

/// Account subcommands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; the password is read from standard input.
    Add(UserAddArgs),
    /// Reset someone's password: signs them out everywhere, revokes their API tokens and
    /// prints a one-time link (valid 24 hours) where they choose a new password themselves.
    Reset(UserResetArgs),
}

/// Arguments of `praxis user reset`.
#[derive(Debug, Args)]
pub struct UserResetArgs {
    /// Sign-in name of the account.
    #[arg(long)]
    pub username: String,
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

/// Arguments of `praxis demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Accounts to create (1 to 10000).
    #[arg(long, default_value_t = 20)]
    pub users: usize,
    /// Journal entries to write.
    #[arg(long, default_value_t = 2000)]
    pub entries: usize,
    /// Seed of the generator; the same seed gives the same data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Go ahead although the database has accounts, replacing earlier demo accounts.
    #[arg(long)]
    pub force: bool,
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
    let mut config = Config::new(cli.data_dir);
    if let Some(url) = cli.database_url {
        config = config.with_database_url(url);
    }
    // Every command reckons "today" in the configured zone, not only the server.
    let settings = Settings::from_figment(&config::figment())?;
    clock::use_zone(settings.time_zone()).map_err(AppError::Config)?;
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
        Command::User(UserCommand::Reset(args)) => reset_user(&config, &args),
        Command::Link(args) => link(&config, args),
        Command::Demo(args) => demo(&config, &args),
        Command::Backup { out } => backup(&config, &out),
        Command::Restore { from } => restore(&config, &from),
        Command::MigrateTo { url } => crate::platform::migrate_to::command::run(&config, &url),
        Command::Export(args) => crate::export::cli::run(&open(&config)?, &settings, &args),
        Command::Import(args) => crate::import::cli::run(&open(&config)?, &settings, &args),
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

/// Opens (and migrates) the database of `config`.
pub fn open(config: &Config) -> AppResult<Database> {
    Database::open_configured(config)
}

fn reindex(config: &Config) -> AppResult<()> {
    let database = open(config)?;
    let rebuild = OfflineRebuild::open(&config.index_dir())?;
    let (entries, seconds) = rebuild_with_progress(rebuild, &database)?;
    println!(
        "Indexed {entries} entries in {seconds:.1} s ({:.0} entries/s).",
        entries as f64 / seconds.max(0.001)
    );
    Ok(())
}

fn backup(config: &Config, out: &std::path::Path) -> AppResult<()> {
    let live = sqlite_file(config, "backup")?;
    // Opening migrates a database an older version left, so the copy is current.
    open(config)?;
    let started = Instant::now();
    let contents = backup::backup(&live, out)?;
    println!(
        "Backed up {} accounts and {} entries to {} ({:.1} MB) in {:.1} s.",
        contents.users,
        contents.entries,
        out.display(),
        contents.bytes as f64 / 1_048_576.0,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `praxis backup` and `restore` copy a SQLite file; a PostgreSQL database is backed up by
/// PostgreSQL's own tools.
fn sqlite_file(config: &Config, command: &str) -> AppResult<std::path::PathBuf> {
    match config.database_location()? {
        crate::platform::db::Location::Sqlite(file) => Ok(file),
        crate::platform::db::Location::Postgres(_) => Err(AppError::Config(format!(
            "praxis {command} copies a SQLite database, but PRAXIS_DATABASE_URL names a \
             PostgreSQL one: use pg_dump and pg_restore instead (see README, PostgreSQL)"
        ))),
    }
}

fn restore(config: &Config, from: &std::path::Path) -> AppResult<()> {
    let live = sqlite_file(config, "restore")?;
    let contents = backup::inspect(from)?;
    // Holding the index's writer lock proves no server is running on this data directory.
    data_dir::prepare(config.data_dir(), &live)?;
    let rebuild = OfflineRebuild::open(&config.index_dir())?;
    let kept = backup::restore(from, &live, clock::now())?;
    let database = open(config)?;
    let (entries, seconds) = rebuild_with_progress(rebuild, &database)?;
    println!(
        "Restored {} accounts and {} entries from {}; the search index was rebuilt ({entries} \
         entries in {seconds:.1} s). The database it replaced is kept as {}.",
        contents.users,
        contents.entries,
        from.display(),
        kept.display()
    );
    Ok(())
}

fn progress_bar(message: &'static str, unit: &str) -> ProgressBar {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{msg}} [{{bar:40}}] {{pos}}/{{len}} {unit} ({{per_sec}}, {{eta}} left)"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_message(message);
    bar
}

/// Rebuilds the search index from the database with a progress bar (`reindex`, `demo`);
/// returns the entries indexed and the seconds taken.
fn rebuild_with_progress(rebuild: OfflineRebuild, database: &Database) -> AppResult<(u64, f64)> {
    let bar = progress_bar("Rebuilding the search index", "entries");
    let started = Instant::now();
    let mut conn = database.conn()?;
    let entries = rebuild.run(&mut conn, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })?;
    bar.finish_and_clear();
    Ok((entries, started.elapsed().as_secs_f64()))
}

fn demo(config: &Config, args: &DemoArgs) -> AppResult<()> {
    let database = open(config)?;
    let mut conn = database.conn()?;
    let (accounts, demo_accounts) = demo::existing_accounts(&mut conn)?;
    if accounts > 0 && !args.force {
        return Err(AppError::Conflict(format!(
            "the database in {} already has {accounts} account(s); demo data goes into a new \
             data directory (--data-dir), or pass --force to replace the earlier demo accounts",
            config.data_dir().display()
        )));
    }
    // Fails now, before any work, if a running server holds the index.
    let rebuild = OfflineRebuild::open(&config.index_dir())?;
    if demo_accounts > 0 {
        let removed = demo::remove_demo_accounts(&mut conn)?;
        println!("Removed {removed} earlier demo account(s) and their journals.");
    }
    let options = demo::DemoOptions {
        users: args.users,
        entries: args.entries,
        seed: args.seed,
        today: clock::today(),
    };
    let bar = progress_bar("Generating demo entries", "entries");
    let started = Instant::now();
    let summary = demo::generate(&mut conn, &options, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })?;
    bar.finish_and_clear();
    let generated = started.elapsed().as_secs_f64();
    drop(conn);
    let (indexed, indexing) = rebuild_with_progress(rebuild, &database)?;
    println!(
        "Demo data in {}: {} users ({} links), {} cases, {} entries ({} diary notes, {} \
         reflections, {} CPD records; {} shared with a supervisor, {} flagged for supervision).",
        config.data_dir().display(),
        summary.users,
        summary.links,
        summary.cases,
        summary.entries,
        summary.diary,
        summary.reflections,
        summary.cpd,
        summary.shared,
        summary.for_supervision,
    );
    println!(
        "Generated in {generated:.1} s ({:.0} entries/s); indexed {indexed} entries in \
         {indexing:.1} s ({:.0} entries/s).",
        summary.entries as f64 / generated.max(0.001),
        indexed as f64 / indexing.max(0.001),
    );
    let accounts: Vec<String> = summary
        .sign_in
        .iter()
        .map(|(username, role)| format!("{username} ({})", role.to_lowercase()))
        .collect();
    println!("Sign in as {}.", accounts.join(", "));
    println!("demo password: {}", demo::DEMO_PASSWORD);
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

fn reset_user(config: &Config, args: &UserResetArgs) -> AppResult<()> {
    let database = open(config)?;
    let mut conn = database.conn()?;
    let user = directory::find_by_username(&mut conn, &args.username)?.ok_or_else(|| {
        AppError::invalid(
            "username",
            format!("There is no user called {:?}.", args.username),
        )
    })?;
    let issued = reset::issue(&mut conn, None, user.id, None, clock::now())?;
    println!(
        "The password of {} no longer works; their sessions and API tokens have ended.",
        issued.username
    );
    println!(
        "Give them this link on your Praxis site (it works once, until {} UTC):",
        issued.expires_at.format("%Y-%m-%d %H:%M")
    );
    println!("{}", issued.path());
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
