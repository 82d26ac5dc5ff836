//! The AADSTS code in a Microsoft `error_uri`
//! (`https://login.microsoftonline.com/error?code=50011`), and the sign-in hosts it may name.

/// Microsoft's sign-in hosts, whose error pages (`/error?code=50011`) the
/// `error_uri` of Entra's answers names: the worldwide cloud (and its older
/// names), US Government, China (21Vianet), and the retired German cloud.
const MICROSOFT_LOGIN_HOSTS: &[&str] = &[
    "login.microsoftonline.com",
    "login.microsoft.com",
    "login.windows.net",
    "login-us.microsoftonline.com",
    "login.microsoftonline.us",
    "login.chinacloudapi.cn",
    "login.partner.microsoftonline.cn",
    "login.microsoftonline.de",
];

/// The AADSTS code in a Microsoft `error_uri` such as
/// `https://login.microsoftonline.com/error?code=50011`.
///
/// The URI is read as a URL parser reads it, and refused wherever a parser
/// could read it two ways: an `https` URL whose host is exactly one of
/// Microsoft's sign-in hosts (ASCII case aside, a trailing dot allowed, a
/// numeric port allowed), with no user part (`@`), no `\` (which WHATWG
/// reads as `/`, so `https://evil.example\@login.microsoftonline.com/`
/// has the host `evil.example`), and no white space or control character;
/// the `code` parameter of its query, the fragment set aside first.
///
/// This keeps another server's link (an error page of its own with a
/// `code` parameter) from being read as an AADSTS code. It authenticates
/// nothing: whoever writes a response writes its `error_uri` too, as it
/// writes `error`, which is why codes only refine what `error` says.
pub(crate) fn code_from_error_uri(uri: &str) -> Option<u32> {
    if uri
        .bytes()
        .any(|b| b == b'\\' || b.is_ascii_whitespace() || b.is_ascii_control())
    {
        return None;
    }
    let (scheme, rest) = uri.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at(authority_end);
    if authority.contains('@') {
        return None;
    }
    let host = match authority.split_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        Some(_) => return None,
        None => authority,
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    if !MICROSOFT_LOGIN_HOSTS
        .iter()
        .any(|known| host.eq_ignore_ascii_case(known))
    {
        return None;
    }
    let query = after.split_once('?')?.1;
    let code = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("code="))?;
    let digits = code.strip_prefix("AADSTS").unwrap_or(code);
    if digits.len() > 9 {
        return None;
    }
    code_from_digits(digits)
}

/// A code written as one or more ASCII digits; `None` for anything else.
pub(crate) fn code_from_digits(digits: &str) -> Option<u32> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}
