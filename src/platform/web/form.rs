//! Form bodies that carry a CSRF token. The token is checked before the handler can use the
//! values, but a stale token does not lose what was typed: the handler gets the values back
//! to show the form again.

use rocket::data::{self, Data, FromData, ToByteUnit};
use rocket::form::{Form, FromForm};
use rocket::http::{RawStr, Status};
use rocket::request::Request;

use super::guard_failure;
use crate::error::{AppError, FieldErrors};
use crate::platform::auth::csrf::{self, CSRF_FIELD};
use crate::platform::input::{LineEnds, check_controls};

/// Largest form body accepted unless `limits.form_body` says otherwise.
const DEFAULT_LIMIT_KIB: u64 = 512;

/// A submitted form of type `T` and whether its CSRF token matched.
#[derive(Debug)]
pub struct CsrfForm<T> {
    value: T,
    token_matches: bool,
}

/// A form of buttons only (sign out, revoke, delete): nothing but the CSRF token.
#[derive(Debug, FromForm)]
pub struct ButtonForm {
    #[field(name = "csrf")]
    _csrf: Option<String>,
}

/// A form whose CSRF token was missing or stale; holds what was typed.
#[derive(Debug)]
pub struct StaleForm<T>(pub T);

/// The fields of the form a request sent, decoded and in order, kept on the request so that
/// a refused submission can be kept as the person's draft (see [`super::bounce`]).
#[derive(Debug, Default)]
pub struct TypedFields(pub Vec<(String, String)>);

/// The message for a stale form.
pub const STALE_FORM_MESSAGE: &str = "This form had expired (for example after signing in or \
    out in another tab). What you typed is shown again: please check it and submit once more.";

impl<T> CsrfForm<T> {
    /// The values, if the token matched.
    pub fn verified(self) -> Result<T, StaleForm<T>> {
        if self.token_matches {
            Ok(self.value)
        } else {
            Err(StaleForm(self.value))
        }
    }

    /// The values whatever the token, and whether the token was stale, for forms that are
    /// shown again either way (with [`redisplay_status`]).
    pub fn open(self) -> (T, bool) {
        (self.value, !self.token_matches)
    }

    /// The values, or a 403 error for forms with nothing worth showing again (buttons).
    pub fn require(self) -> Result<T, AppError> {
        self.verified()
            .map_err(|_| AppError::Forbidden(STALE_FORM_MESSAGE.to_string()))
    }
}

/// The refusal of a stale form, blamed on `field` so that a handler shows the form again as
/// for invalid input, with the message beside the first input and what was typed.
pub fn stale_refusal(field: &str) -> AppError {
    AppError::Invalid(stale_errors(field))
}

/// The message of a stale form, beside `field`.
pub fn stale_errors(field: &str) -> FieldErrors {
    FieldErrors::single(field, STALE_FORM_MESSAGE)
}

/// The status of a form shown again: 403 when its token was stale, else 422 (invalid input).
pub fn redisplay_status(stale: bool) -> Status {
    if stale {
        Status::Forbidden
    } else {
        Status::UnprocessableEntity
    }
}

fn reject<'r, T>(req: &Request<'_>, error: AppError) -> data::Outcome<'r, T, AppError> {
    guard_failure::remember(req, &error);
    let status = Status::from_code(error.status_code()).unwrap_or(Status::BadRequest);
    data::Outcome::Error((status, error))
}

/// Every field of an encoded form whose name or value holds a forbidden control character;
/// checked here, once, so that no form anywhere stores one.
fn control_characters(body: &str) -> FieldErrors {
    let mut errors = FieldErrors::new();
    for field in Form::values(body) {
        let name = RawStr::new(field.name.source().as_str()).url_decode_lossy();
        let value = RawStr::new(field.value).url_decode_lossy();
        let shown_name: String = name.chars().filter(|c| !c.is_control()).collect();
        check_controls(&shown_name, &name, LineEnds::Newline, &mut errors);
        check_controls(
            &shown_name,
            &value,
            LineEnds::WithCarriageReturn,
            &mut errors,
        );
    }
    errors
}

#[rocket::async_trait]
impl<'r, T> FromData<'r> for CsrfForm<T>
where
    T: for<'a> FromForm<'a> + 'static,
{
    type Error = AppError;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> data::Outcome<'r, Self> {
        let limit = req
            .limits()
            .get("form_body")
            .unwrap_or(DEFAULT_LIMIT_KIB.kibibytes());
        let body = match data.open(limit).into_string().await {
            Ok(body) if body.is_complete() => body.into_inner(),
            Ok(_) => return reject(req, AppError::PayloadTooLarge),
            Err(error) => {
                return reject(
                    req,
                    AppError::BadRequest(format!("unreadable form: {error}")),
                );
            }
        };
        let controls = control_characters(&body);
        if !controls.is_empty() {
            return reject(req, AppError::Invalid(controls));
        }
        req.local_cache(|| {
            TypedFields(
                Form::values(&body)
                    .filter(|field| field.name.as_name().as_str() != CSRF_FIELD)
                    .map(|field| {
                        (
                            RawStr::new(field.name.source().as_str())
                                .url_decode_lossy()
                                .into_owned(),
                            RawStr::new(field.value).url_decode_lossy().into_owned(),
                        )
                    })
                    .collect(),
            )
        });
        let submitted = Form::values(&body)
            .find(|field| field.name.as_name().as_str() == CSRF_FIELD)
            .map(|field| field.value.to_string());
        let token_matches = csrf::matches(req.cookies(), submitted.as_deref());
        match Form::<T>::parse_encoded(RawStr::new(&body)) {
            Ok(value) => data::Outcome::Success(CsrfForm {
                value,
                token_matches,
            }),
            Err(errors) => {
                let detail = errors
                    .iter()
                    .map(|error| match error.name.as_ref() {
                        Some(name) => format!("{name}: {}", error.kind),
                        None => error.kind.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                reject(
                    req,
                    AppError::BadRequest(format!("The form was incomplete: {detail}")),
                )
            }
        }
    }
}
