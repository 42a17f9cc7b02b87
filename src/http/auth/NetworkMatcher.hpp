#pragma once
// Which networks a client address belongs to (AUTH_TRUSTED_NETWORKS, AUTH_TRUSTED_PROXIES), and who the
// client really is behind proxies. IPv4 and IPv6; an IPv4-mapped IPv6 address (::ffff:10.0.0.1) counts
// as its IPv4 address, and a zone id (fe80::1%eth0) is ignored.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Error.hpp"

namespace soulspot::http
{
    struct IpAddress
    {
        bool v6{false};
        std::array<unsigned char, 16> bytes{}; // IPv4 uses the first 4
    };

    /// Parses a textual address; IPv4-mapped IPv6 becomes IPv4. nullopt when it is not an address.
    std::optional<IpAddress> parseIpAddress(std::string_view text);

    class NetworkList
    {
    public:
        NetworkList() = default;
        /// "127.0.0.0/8, ::1/128, 10.0.0.5" (a bare address is a /32 or /128). Errors name the bad entry.
        static core::Result<NetworkList> parse(std::string_view cidrList);

        bool contains(const IpAddress& address) const;
        bool contains(std::string_view address) const;
        bool empty() const { return networks_.empty(); }

    private:
        struct Network
        {
            IpAddress base;
            int prefix{0};
        };
        std::vector<Network> networks_;
    };

    /// The client's address: the TCP peer, unless the peer is a trusted proxy — then X-Forwarded-For is
    /// walked from the right, skipping trusted proxies, and the first other hop is the client. An
    /// unparsable hop ends the walk and is taken as the client (it will match no trusted network).
    std::string resolveClientAddress(const std::string& peer, const std::optional<std::string>& forwardedFor,
                                     const NetworkList& trustedProxies);
} // namespace soulspot::http
