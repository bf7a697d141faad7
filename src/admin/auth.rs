//! Who may use the admin listener: a bearer token, or `user:bcrypt-hash` lines for Basic auth
//! (htpasswd-compatible: `htpasswd -B` or `sluss admin passwd` write them), read once at start
//! from the file the config names. A password file in plain text is refused with its file
//! and line.
//!
//! With a token file, Basic auth with any user name and the token as password is accepted
//! too: a browser cannot send a bearer token, and security staff open `/review` in one. The
//! token is kept only as a SHA-256 digest and compared digest to digest in constant time.
//! A password is checked with bcrypt (slow on purpose); a name and password that verified are
//! remembered for five minutes as a salted digest, since browsers send them with every request.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

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

/// bcrypt's cost for new hashes (`sluss admin passwd`): about 0.1–0.3 s per check.
pub const BCRYPT_COST: u32 = 11;
/// How long a verified user name and password are remembered, so that a browser, which sends
/// them with every request, does not cost a bcrypt check each time.
const REMEMBERED: Duration = Duration::from_secs(300);
/// Verified logins remembered at most.
const REMEMBERED_MAX: usize = 1024;

/// The accepted credentials.
#[derive(Clone)]
pub struct Credentials {
    accepted: Accepted,
    /// Digests (under a random per-process salt) of name and password that verified, and when.
    remembered: Arc<Mutex<HashMap<Digest32, Instant>>>,
    salt: Digest32,
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
    /// A bcrypt hash (`$2a$`, `$2b$` or `$2y$`), as `htpasswd -B` writes it.
    hash: String,
}

/// Who made an authenticated request (for the access log; never the secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller(pub String);

/// Why a request was not let in (for the log; never the secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Denied {
    /// No `Authorization` header: a browser's first request, not a failed login.
    Missing,
    /// A header that is not Bearer or Basic, or not decodable.
    Malformed,
    /// A bearer token or Basic password that is not the token.
    WrongToken,
    /// A Basic user name that is not in the file (the name as sent, cut to 64 characters).
    UnknownUser(String),
    /// A listed user with a wrong password.
    WrongPassword(String),
}

impl Denied {
    /// The user name tried, if any.
    pub fn user(&self) -> Option<&str> {
        match self {
            Denied::UnknownUser(name) | Denied::WrongPassword(name) => Some(name),
            _ => None,
        }
    }

    /// What went wrong, for the log.
    pub fn reason(&self) -> &'static str {
        match self {
            Denied::Missing => "no credentials",
            Denied::Malformed => "malformed Authorization header",
            Denied::WrongToken => "wrong token",
            Denied::UnknownUser(_) => "unknown user",
            Denied::WrongPassword(_) => "wrong password",
        }
    }
}

/// A bcrypt hash of a password nobody has, checked for unknown names so that they take as
/// long as known ones.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let mut secret = [0u8; 16];
        let _ = getrandom::fill(&mut secret);
        bcrypt::hash(secret, BCRYPT_COST).unwrap_or_default()
    })
}

impl Credentials {
    /// Reads the token or the user file named by `auth`; refuses a file that group or others
    /// may read (on Unix), an empty or short token, and user lines whose password is not a
    /// bcrypt hash (plain text above all), naming the file and the line.
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

    fn with(accepted: Accepted) -> Credentials {
        let mut salt = [0u8; 32];
        if getrandom::fill(&mut salt).is_err() {
            // Only the cache's keys depend on it; a fixed salt still never stores a password.
            salt = digest(b"sluss admin remembered logins");
        }
        Credentials {
            accepted,
            remembered: Arc::new(Mutex::new(HashMap::new())),
            salt,
        }
    }

    /// Accepts `Bearer <token>` (and Basic with `token` as password).
    pub fn token(token: &str) -> Result<Credentials, String> {
        if token.chars().count() < MIN_TOKEN_LEN {
            return Err(format!(
                "the token must be at least {MIN_TOKEN_LEN} characters (e.g. `openssl rand -hex 32`)"
            ));
        }
        Ok(Credentials::with(Accepted::Token(digest(token.as_bytes()))))
    }

    /// Accepts Basic auth for the `user:hash` lines of `text`, as `htpasswd -B` or
    /// `sluss admin passwd` write them (blank lines and lines starting with `#` are skipped;
    /// spaces around a line are not part of it). A password that is not a bcrypt hash is
    /// refused with its line number.
    pub fn users(text: &str) -> Result<Credentials, (usize, String)> {
        let mut users = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((name, hash)) = line.split_once(':') else {
                return Err((number + 1, "expected user:bcrypt-hash".into()));
            };
            if name.is_empty() || hash.is_empty() {
                return Err((number + 1, "user and hash must not be empty".into()));
            }
            check_hash(name, hash).map_err(|problem| (number + 1, problem))?;
            users.push(User {
                name: name.to_string(),
                name_digest: digest(name.as_bytes()),
                hash: hash.to_string(),
            });
        }
        if users.is_empty() {
            return Err((0, "no user:hash line".into()));
        }
        Ok(Credentials::with(Accepted::Users(users)))
    }

    /// The caller, if the request's `Authorization` header holds accepted credentials.
    pub fn check(&self, headers: &HeaderMap) -> Option<Caller> {
        self.verify(headers).ok()
    }

    /// The caller, or why not. A Basic password is checked with bcrypt (slow on purpose: call
    /// this off the async workers) unless the same name and password verified recently.
    pub fn verify(&self, headers: &HeaderMap) -> Result<Caller, Denied> {
        let Some(value) = headers.get(AUTHORIZATION) else {
            return Err(Denied::Missing);
        };
        let value = value.to_str().map_err(|_| Denied::Malformed)?.trim();
        let (scheme, rest) = value.split_once(' ').ok_or(Denied::Malformed)?;
        let rest = rest.trim();
        if scheme.eq_ignore_ascii_case("bearer") {
            return match &self.accepted {
                Accepted::Token(token) if same(&digest(rest.as_bytes()), token) => {
                    Ok(Caller("token".into()))
                }
                _ => Err(Denied::WrongToken),
            };
        }
        if !scheme.eq_ignore_ascii_case("basic") {
            return Err(Denied::Malformed);
        }
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(rest)
            .map_err(|_| Denied::Malformed)?;
        let decoded = String::from_utf8(decoded).map_err(|_| Denied::Malformed)?;
        let (name, password) = decoded.split_once(':').ok_or(Denied::Malformed)?;
        self.check_basic(name, password)
    }

    /// Basic credentials: any name with the token, or a listed user with its password. Every
    /// name is compared, matched or not, and an unknown name is checked against a dummy hash,
    /// so the time does not tell which names exist.
    fn check_basic(&self, name: &str, password: &str) -> Result<Caller, Denied> {
        let users = match &self.accepted {
            Accepted::Token(token) => {
                return if same(&digest(password.as_bytes()), token) {
                    Ok(Caller(name.into()))
                } else {
                    Err(Denied::WrongToken)
                };
            }
            Accepted::Users(users) => users,
        };
        let shown: String = name.chars().take(64).collect();
        let name_digest = digest(name.as_bytes());
        let mut found = None;
        for user in users {
            if same(&user.name_digest, &name_digest) && found.is_none() {
                found = Some(user);
            }
        }
        let key = self.remember_key(name, password);
        if found.is_some() && self.recently_verified(&key) {
            return Ok(Caller(name.to_string()));
        }
        let hash: &str = match found {
            Some(user) => &user.hash,
            None => dummy_hash(),
        };
        let verified = bcrypt::verify(password, hash).unwrap_or(false);
        match found {
            Some(user) if verified => {
                self.remember(key);
                Ok(Caller(user.name.clone()))
            }
            Some(_) => Err(Denied::WrongPassword(shown)),
            None => Err(Denied::UnknownUser(shown)),
        }
    }

    fn remember_key(&self, name: &str, password: &str) -> Digest32 {
        let mut hasher = Sha256::new();
        hasher.update(self.salt);
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(password.as_bytes());
        hasher.finalize().into()
    }

    fn recently_verified(&self, key: &Digest32) -> bool {
        let remembered = self
            .remembered
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        remembered
            .get(key)
            .is_some_and(|at| at.elapsed() < REMEMBERED)
    }

    fn remember(&self, key: Digest32) {
        let mut remembered = self
            .remembered
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if remembered.len() >= REMEMBERED_MAX {
            remembered.retain(|_, at| at.elapsed() < REMEMBERED);
        }
        if remembered.len() < REMEMBERED_MAX {
            remembered.insert(key, Instant::now());
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

/// Refuses anything but a bcrypt hash as a user's password.
fn check_hash(name: &str, hash: &str) -> Result<(), String> {
    let bcrypt = ["$2a$", "$2b$", "$2y$"].iter().any(|p| hash.starts_with(p));
    if bcrypt && hash.len() == 60 && bcrypt::verify("", hash).is_ok() {
        return Ok(());
    }
    let other_hash = ["$apr1$", "$1$", "$5$", "$6$", "{SHA}", "$argon2", "$2"]
        .iter()
        .any(|p| hash.starts_with(p));
    Err(if other_hash {
        format!(
            "the password of `{name}` is not a bcrypt hash; only bcrypt is accepted \
             (`htpasswd -B`, or `sluss admin passwd {name}`)"
        )
    } else {
        format!(
            "the password of `{name}` is in plain text; plain-text passwords are refused: \
             replace the line with the output of `sluss admin passwd {name}` (or `htpasswd -B`)"
        )
    })
}

/// A bcrypt hash of `password` for a password file line (`sluss admin passwd`).
pub fn hash_password(password: &str) -> Result<String, String> {
    bcrypt::hash(password, BCRYPT_COST).map_err(|e| e.to_string())
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
        let anna = bcrypt::hash("hemligt-1", 4).map_err(|e| (0, e.to_string()))?;
        let bo = bcrypt::hash("lösen:med:kolon", 4)
            .map_err(|e| (0, e.to_string()))?
            .replacen("$2b$", "$2y$", 1);
        let c = Credentials::users(&format!("# granskare\nanna:{anna}\n\n  bo:{bo}  \n"))?;
        assert_eq!(
            c.check(&basic("anna", "hemligt-1")),
            Some(Caller("anna".into()))
        );
        // Remembered: the second check does not need bcrypt, and still needs the password.
        assert_eq!(
            c.check(&basic("anna", "hemligt-1")),
            Some(Caller("anna".into()))
        );
        assert_eq!(
            c.check(&basic("bo", "lösen:med:kolon")),
            Some(Caller("bo".into()))
        );
        assert_eq!(
            c.verify(&basic("anna", "lösen:med:kolon")),
            Err(Denied::WrongPassword("anna".into()))
        );
        assert_eq!(
            c.verify(&basic("eva", "hemligt-1")),
            Err(Denied::UnknownUser("eva".into()))
        );
        assert_eq!(
            c.verify(&headers("Bearer hemligt-1")),
            Err(Denied::WrongToken)
        );
        assert_eq!(c.verify(&headers("Basic !!!")), Err(Denied::Malformed));
        assert_eq!(c.verify(&HeaderMap::new()), Err(Denied::Missing));
        assert_eq!(c.challenges().len(), 1);
        assert_eq!(Credentials::users("anna\n").err().map(|e| e.0), Some(1));
        assert_eq!(Credentials::users("# nobody\n").err().map(|e| e.0), Some(0));
        assert_eq!(format!("{c:?}"), "Credentials(2 users)");
        Ok(())
    }

    #[test]
    fn plain_text_and_other_hashes_are_refused_with_their_line() {
        let plain = Credentials::users("# ok\nanna:hemligt-1\n").err();
        assert_eq!(plain.as_ref().map(|e| e.0), Some(2));
        assert!(plain.is_some_and(|e| e.1.contains("plain text")));
        let md5 = Credentials::users("bo:$apr1$abc$0123456789abcdefghijkl\n").err();
        assert!(md5.is_some_and(|e| e.0 == 1 && e.1.contains("only bcrypt")));
        let cut = Credentials::users("bo:$2y$10$tooshort\n").err();
        assert_eq!(cut.map(|e| e.0), Some(1));
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
