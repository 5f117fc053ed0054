//! Rebuild when a migration is added: `embed_migrations!` alone does not notice new folders.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=migrations-postgres");
}
