//! Who may use the admin listener: a bearer token, or `user:password` pairs for Basic auth,
//! read once at start from the file the config names, and compared in constant time.
//!
//! With a token file, Basic auth with any user name and the token as password is accepted
//! too: a browser cannot send a bearer token, and security staff open `/review` in one.
//! Secrets are kept only as SHA-256 digests and compared digest to digest, so neither their
//! content nor their length shows in the time a comparison takes.

use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use http::header::{AUTHORIZATION, HeaderMap, HeaderValue};
use sha2::{Digest, Sha256};

use crate::config::AdminAuth;

/// The shortest token accepted (`openssl rand -hex 32` gives 64 characters).
pub const MIN_TOKEN_LEN: usize = 16;

/// Why the credentials file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CredentialsError {
    /// The file cannot be read.
    #[error("cannot read admin credentials {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Group or others may read or write the file.
    #[error(
        "admin credentials {} can be read by group or others (mode {mode:o}); run `chmod 600` on it",
        path.display()
    )]
    Permissions {
        /// The file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// The file's content is not usable.
    #[error("admin credentials {}:{line}: {problem}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The line (0 for the whole file).
        line: usize,
        /// What is wrong.
        problem: String,
    },
}

/// A SHA-256 digest of a secret or a name.
type Digest32 = [u8; 32];

/// The accepted credentials.
#[derive(Clone)]
pub struct Credentials {
    accepted: Accepted,
}

#[derive(Clone)]
enum Accepted {
    Token(Digest32),
    Users(Vec<User>),
}

#[derive(Clone)]
struct User {
    name: String,
    name_digest: Digest32,
    password_digest: Digest32,
}

/// Who made an authenticated request (for the access log; never the secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller(pub String);

impl Credentials {
    /// Reads the token or the user file named by `auth`; refuses a file that group or others
    /// may read (on Unix), an empty or short token, and malformed user lines.
    pub fn load(auth: &AdminAuth) -> Result<Credentials, CredentialsError> {
        match auth {
            AdminAuth::Token(path) => {
                let text = read_private(path)?;
                Credentials::token(text.trim()).map_err(|problem| CredentialsError::Invalid {
                    path: path.clone(),
                    line: 0,
                    problem,
                })
            }
            AdminAuth::Basic(path) => {
                let text = read_private(path)?;
                Credentials::users(&text).map_err(|(line, problem)| CredentialsError::Invalid {
                    path: path.clone(),
                    line,
                    problem,
                })
            }
        }
    }

    /// Accepts `Bearer <token>` (and Basic with `token` as password).
    pub fn token(token: &str) -> Result<Credentials, String> {
        if token.chars().count() < MIN_TOKEN_LEN {
            return Err(format!(
                "the token must be at least {MIN_TOKEN_LEN} characters (e.g. `openssl rand -hex 32`)"
            ));
        }
        Ok(Credentials {
            accepted: Accepted::Token(digest(token.as_bytes())),
        })
    }

    /// Accepts Basic auth for the `user:password` lines of `text` (blank lines and lines
    /// starting with `#` are skipped; spaces around a line are not part of it).
    pub fn users(text: &str) -> Result<Credentials, (usize, String)> {
        let mut users = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((name, password)) = line.split_once(':') else {
                return Err((number + 1, "expected user:password".into()));
            };
            if name.is_empty() || password.is_empty() {
                return Err((number + 1, "user and password must not be empty".into()));
            }
            users.push(User {
                name: name.to_string(),
                name_digest: digest(name.as_bytes()),
                password_digest: digest(password.as_bytes()),
            });
        }
        if users.is_empty() {
            return Err((0, "no user:password line".into()));
        }
        Ok(Credentials {
            accepted: Accepted::Users(users),
        })
    }

    /// The caller, if the request's `Authorization` header holds accepted credentials.
    pub fn check(&self, headers: &HeaderMap) -> Option<Caller> {
        let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
        let (scheme, rest) = value.split_once(' ')?;
        let rest = rest.trim();
        if scheme.eq_ignore_ascii_case("bearer") {
            return match &self.accepted {
                Accepted::Token(token) => {
                    same(&digest(rest.as_bytes()), token).then(|| Caller("token".into()))
                }
                Accepted::Users(_) => None,
            };
        }
        if !scheme.eq_ignore_ascii_case("basic") {
            return None;
        }
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(rest)
            .ok()?;
        let decoded = String::from_utf8(decoded).ok()?;
        let (name, password) = decoded.split_once(':')?;
        self.check_basic(name, password)
    }

    /// Basic credentials: any name with the token, or a listed user with its password. Every
    /// user is compared, matched or not, so the time does not tell which names exist.
    fn check_basic(&self, name: &str, password: &str) -> Option<Caller> {
        let password = digest(password.as_bytes());
        match &self.accepted {
            Accepted::Token(token) => same(&password, token).then(|| Caller(name.into())),
            Accepted::Users(users) => {
                let name_digest = digest(name.as_bytes());
                let mut found = None;
                for user in users {
                    let matches = same(&user.name_digest, &name_digest)
                        & same(&user.password_digest, &password);
                    if matches && found.is_none() {
                        found = Some(Caller(user.name.clone()));
                    }
                }
                found
            }
        }
    }

    /// The `WWW-Authenticate` values of a 401: Basic (which browsers prompt for), and Bearer
    /// when a token is configured.
    pub fn challenges(&self) -> Vec<HeaderValue> {
        let mut values = vec![HeaderValue::from_static(
            "Basic realm=\"sluss admin\", charset=\"UTF-8\"",
        )];
        if matches!(self.accepted, Accepted::Token(_)) {
            values.push(HeaderValue::from_static("Bearer realm=\"sluss admin\""));
        }
        values
    }
}

impl std::fmt::Debug for Credentials {
    /// Never prints a secret or a digest of one.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.accepted {
            Accepted::Token(_) => f.write_str("Credentials(token)"),
            Accepted::Users(users) => write!(f, "Credentials({} users)", users.len()),
        }
    }
}

/// SHA-256 of `bytes`.
fn digest(bytes: &[u8]) -> Digest32 {
    Sha256::digest(bytes).into()
}

/// Whether two digests are equal, looking at every byte whatever the first difference.
fn same(a: &Digest32, b: &Digest32) -> bool {
    let difference = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(difference) == 0
}

/// The file's text, refused on Unix when group or others may read or write it.
fn read_private(path: &Path) -> Result<String, CredentialsError> {
    let io = |source| CredentialsError::Io {
        path: path.to_path_buf(),
        source,
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).map_err(io)?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(CredentialsError::Permissions {
                path: path.to_path_buf(),
                mode,
            });
        }
    }
    fs::read_to_string(path).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(AUTHORIZATION, value);
        }
        headers
    }

    fn basic(user: &str, password: &str) -> HeaderMap {
        let encoded =
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        headers(&format!("Basic {encoded}"))
    }

    #[test]
    fn a_token_is_accepted_as_bearer_or_as_basic_password() -> Result<(), String> {
        let c = Credentials::token("0123456789abcdef0123")?;
        assert_eq!(
            c.check(&headers("Bearer 0123456789abcdef0123")),
            Some(Caller("token".into()))
        );
        assert_eq!(
            c.check(&headers("bearer   0123456789abcdef0123 ")),
            Some(Caller("token".into()))
        );
        assert_eq!(c.check(&headers("Bearer 0123456789abcdef012")), None);
        assert_eq!(c.check(&headers("Bearer")), None);
        assert_eq!(c.check(&HeaderMap::new()), None);
        assert_eq!(
            c.check(&basic("granskare", "0123456789abcdef0123")),
            Some(Caller("granskare".into()))
        );
        assert_eq!(c.check(&basic("granskare", "fel")), None);
        assert_eq!(c.challenges().len(), 2);
        assert!(Credentials::token("kort").is_err());
        Ok(())
    }

    #[test]
    fn users_need_their_own_password() -> Result<(), (usize, String)> {
        let c = Credentials::users("# granskare\nanna:hemligt-1\n\n  bo:lösen:med:kolon  \n")?;
        assert_eq!(
            c.check(&basic("anna", "hemligt-1")),
            Some(Caller("anna".into()))
        );
        assert_eq!(
            c.check(&basic("bo", "lösen:med:kolon")),
            Some(Caller("bo".into()))
        );
        assert_eq!(c.check(&basic("anna", "lösen:med:kolon")), None);
        assert_eq!(c.check(&basic("eva", "hemligt-1")), None);
        assert_eq!(c.check(&headers("Bearer hemligt-1")), None);
        assert_eq!(c.check(&headers("Basic !!!")), None);
        assert_eq!(c.challenges().len(), 1);
        assert_eq!(Credentials::users("anna\n").err().map(|e| e.0), Some(1));
        assert_eq!(Credentials::users("# nobody\n").err().map(|e| e.0), Some(0));
        assert_eq!(format!("{c:?}"), "Credentials(2 users)");
        Ok(())
    }

    #[test]
    fn comparison_sees_every_byte() {
        let a = digest(b"a");
        let mut b = a;
        assert!(same(&a, &b));
        b[31] ^= 1;
        assert!(!same(&a, &b));
    }
}
