//! The smallest Rocket app: one `GET /` answering a short string. The load bench
//! (`cargo bench --bench load`) measures it as the ceiling of what Rocket serves on this
//! machine. Rocket's usual settings apply (`ROCKET_PORT`, `ROCKET_ADDRESS`, ...); a secret key
//! is made at start because Praxis builds Rocket with private cookies, which refuse to run
//! in release without one.

#![forbid(unsafe_code)]

use rocket::config::SecretKey;
use rocket::{Config, get, launch, routes};

#[get("/")]
fn hello() -> &'static str {
    "Hello from a bare Rocket handler."
}

#[launch]
fn rocket() -> _ {
    let config = Config {
        secret_key: SecretKey::generate().expect("randomness for a secret key"),
        ..Config::from(Config::figment())
    };
    rocket::custom(config).mount("/", routes![hello])
}
