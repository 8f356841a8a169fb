//! Who a request comes from: the connection's peer, or, when that peer is a reverse proxy the
//! server was told to trust (`--trusted-proxy CIDR`), the client the proxy names in `Forwarded`
//! (RFC 7239) or `X-Forwarded-For`. A header from anyone else is ignored, so a client cannot
//! choose its own address to escape a limit. Addresses are kept in memory only.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use ipnet::IpNet;

use crate::AppState;

/// The networks whose proxies may name the client.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Arc<[IpNet]>);

impl TrustedProxies {
    /// Trust the proxies in these networks.
    pub fn new(networks: impl IntoIterator<Item = IpNet>) -> TrustedProxies {
        TrustedProxies(networks.into_iter().collect())
    }

    /// Parses `10.0.0.0/8`, `::1/128` or a bare address (one host).
    pub fn parse_network(text: &str) -> Result<IpNet, String> {
        let text = text.trim();
        text.parse::<IpNet>().or_else(|_| text.parse::<IpAddr>().map(IpNet::from)).map_err(|_| {
            format!("'{text}' bukan alamat atau jaringan CIDR (10.0.0.0/8) / is not an address or CIDR network (10.0.0.0/8)")
        })
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = canonical(address);
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client of a request that reached us from `peer` with `headers`.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return peer;
        }
        let chain = forwarded_chain(headers);
        // From the proxy nearest to us back: the first hop that is not one of our proxies is
        // the client; an unreadable hop ends the walk there, at the last proxy that named it.
        let mut client = peer;
        for hop in chain.iter().rev() {
            match hop {
                Some(address) if self.trusts(*address) => client = *address,
                Some(address) => return *address,
                None => return client,
            }
        }
        client
    }
}

/// An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is the IPv4 address.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    }
}

/// The addresses the proxies recorded, the original client first: from `Forwarded` when present,
/// else from `X-Forwarded-For`. `None` marks a hop that is not an address (`unknown`, a name).
fn forwarded_chain(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let forwarded: Vec<&str> = headers.get_all("forwarded").iter().filter_map(|v| v.to_str().ok()).collect();
    if !forwarded.is_empty() {
        return forwarded
            .iter()
            .flat_map(|v| v.split(','))
            .filter_map(|element| {
                element.split(';').find_map(|pair| {
                    let (key, value) = pair.split_once('=')?;
                    key.trim().eq_ignore_ascii_case("for").then(|| node(value))
                })
            })
            .collect();
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(node)
        .collect()
}

/// One node of a forwarding header: `192.0.2.60`, `192.0.2.60:4711`, `"[2001:db8::17]:4711"`.
fn node(text: &str) -> Option<IpAddr> {
    let text = text.trim().trim_matches('"');
    if let Ok(address) = text.parse::<IpAddr>() {
        return Some(canonical(address));
    }
    if let Ok(socket) = text.parse::<SocketAddr>() {
        return Some(canonical(socket.ip()));
    }
    text.strip_prefix('[').and_then(|t| t.split(']').next()).and_then(|t| t.parse::<IpAddr>().ok()).map(canonical)
}

/// The client's address: the peer, or the client a trusted proxy names. `None` when the server
/// does not know the peer (a test calling the router directly).
pub struct ClientIp(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<ClientIp, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        Ok(ClientIp(peer.map(|peer| state.trusted_proxies.client(peer, &parts.headers))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(), value.parse().unwrap());
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn only_a_trusted_proxy_may_name_the_client() {
        let proxies = TrustedProxies::new([TrustedProxies::parse_network("10.0.0.0/8").unwrap()]);
        let xff = headers(&[("x-forwarded-for", "203.0.113.9")]);
        // From the proxy: the client it names.
        assert_eq!(proxies.client(ip("10.0.0.2"), &xff), ip("203.0.113.9"));
        // From anyone else: the header is a lie we ignore.
        assert_eq!(proxies.client(ip("198.51.100.7"), &xff), ip("198.51.100.7"));
        // No proxies configured: never.
        assert_eq!(TrustedProxies::default().client(ip("10.0.0.2"), &xff), ip("10.0.0.2"));
    }

    #[test]
    fn the_client_is_the_first_untrusted_hop_from_the_right() {
        let proxies = TrustedProxies::new([
            TrustedProxies::parse_network("10.0.0.0/8").unwrap(),
            TrustedProxies::parse_network("192.168.1.1").unwrap(),
        ]);
        // A client that forged the first entry cannot hide behind it.
        let forged = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.9, 192.168.1.1")]);
        assert_eq!(proxies.client(ip("10.0.0.2"), &forged), ip("203.0.113.9"));
        let split = headers(&[("x-forwarded-for", "1.2.3.4"), ("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(proxies.client(ip("10.0.0.2"), &split), ip("203.0.113.9"));
        let rfc =
            headers(&[("forwarded", r#"for=198.51.100.1;proto=https, for="[2001:db8:cafe::17]:4711";by=10.0.0.2"#)]);
        assert_eq!(proxies.client(ip("10.0.0.2"), &rfc), ip("2001:db8:cafe::17"));
        let port = headers(&[("forwarded", "for=203.0.113.9:5000")]);
        assert_eq!(proxies.client(ip("::ffff:10.0.0.2"), &port), ip("203.0.113.9"));
        let unknown = headers(&[("forwarded", "for=unknown")]);
        assert_eq!(proxies.client(ip("10.0.0.2"), &unknown), ip("10.0.0.2"));
        assert!(TrustedProxies::parse_network("kantor").is_err());
    }
}
