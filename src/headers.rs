//! HTTP security headers of the site: one list, written to `_headers` (Netlify, Cloudflare
//! Pages) by the build, sent by `passend serve`, and documented as an nginx snippet in README.
//! The Content-Security-Policy allows no inline script or style: the output has none.

pub const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Permissions-Policy", "geolocation=(), camera=(), microphone=()"),
];

/// The `_headers` file: every path gets every header.
pub fn headers_file() -> String {
    let mut out = String::from("/*\n");
    for (name, value) in SECURITY_HEADERS {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    out
}

/// The same headers as nginx `add_header` lines, for README and operators.
pub fn nginx_snippet() -> String {
    SECURITY_HEADERS.iter().map(|(name, value)| format!("add_header {name} \"{value}\" always;\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_forbids_inline_code_and_other_hosts() {
        let csp = SECURITY_HEADERS[0].1;
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.contains("default-src 'self'"));
        assert!(headers_file().starts_with("/*\n  Content-Security-Policy: default-src 'self';"));
        assert!(nginx_snippet().contains("add_header X-Content-Type-Options \"nosniff\" always;"));
        let readme = include_str!("../README.md");
        assert!(readme.contains(&nginx_snippet()), "README documents the nginx snippet exactly");
    }
}
