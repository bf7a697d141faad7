fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let r = sluss::body::extract_named(&bytes, None, Some(&path), &sluss::body::Limits::default());
        match r {
            Ok(d) => println!("== {path}\n{:?}", d.text),
            Err(e) => println!("== {path}: ERR {e} ({:?})", e.reason()),
        }
    }
}
