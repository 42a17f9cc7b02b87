#include "http/auth/NetworkMatcher.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace soulspot::http
{
    namespace
    {
        std::string_view trim(std::string_view s)
        {
            while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
                s.remove_prefix(1);
            while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
                s.remove_suffix(1);
            return s;
        }

        bool prefixMatches(const IpAddress& a, const IpAddress& base, int prefix)
        {
            const int fullBytes = prefix / 8;
            if (std::memcmp(a.bytes.data(), base.bytes.data(), static_cast<std::size_t>(fullBytes)) != 0)
                return false;
            const int rest = prefix % 8;
            if (rest == 0)
                return true;
            const auto mask = static_cast<unsigned char>(0xFF << (8 - rest));
            return (a.bytes[static_cast<std::size_t>(fullBytes)] & mask) == (base.bytes[static_cast<std::size_t>(fullBytes)] & mask);
        }
    } // namespace

    std::optional<IpAddress> parseIpAddress(std::string_view text)
    {
        text = trim(text);
        // "[::1]" and "[::1]:port" (Forwarded-style) and "1.2.3.4:port" are not addresses here; callers
        // pass bare addresses, but brackets are common enough in X-Forwarded-For to accept.
        if (text.size() > 2 && text.front() == '[' && text.back() == ']')
            text = text.substr(1, text.size() - 2);
        if (const auto zone = text.find('%'); zone != std::string_view::npos)
            text = text.substr(0, zone);
        if (text.empty() || text.size() > 45)
            return std::nullopt;
        const std::string s(text);
        IpAddress out;
        if (s.find(':') == std::string::npos)
        {
            in_addr v4{};
            if (inet_pton(AF_INET, s.c_str(), &v4) != 1)
                return std::nullopt;
            std::memcpy(out.bytes.data(), &v4, 4);
            return out;
        }
        in6_addr v6{};
        if (inet_pton(AF_INET6, s.c_str(), &v6) != 1)
            return std::nullopt;
        static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
        if (std::memcmp(&v6, kMapped, 12) == 0)
        {
            std::memcpy(out.bytes.data(), reinterpret_cast<const unsigned char*>(&v6) + 12, 4);
            return out;
        }
        out.v6 = true;
        std::memcpy(out.bytes.data(), &v6, 16);
        return out;
    }

    core::Result<NetworkList> NetworkList::parse(std::string_view cidrList)
    {
        NetworkList list;
        while (!cidrList.empty())
        {
            const auto comma = cidrList.find(',');
            const std::string_view entry = trim(cidrList.substr(0, comma));
            cidrList = comma == std::string_view::npos ? std::string_view{} : cidrList.substr(comma + 1);
            if (entry.empty())
                continue;
            const auto slash = entry.find('/');
            auto address = parseIpAddress(entry.substr(0, slash));
            if (!address)
                return core::fail(core::Error::invalid("'" + std::string(entry) + "' is not an IP address or CIDR network"));
            // An IPv4-mapped network (::ffff:10.0.0.0/104) is stored as its IPv4 form.
            const bool mappedV6Text = !address->v6 && entry.substr(0, slash).find(':') != std::string_view::npos;
            const int maxPrefix = address->v6 ? 128 : 32;
            int prefix = maxPrefix;
            if (slash != std::string_view::npos)
            {
                const auto digits = entry.substr(slash + 1);
                auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
                if (mappedV6Text)
                    prefix -= 96;
                if (ec != std::errc() || p != digits.data() + digits.size() || prefix < 0 || prefix > maxPrefix)
                    return core::fail(core::Error::invalid("'" + std::string(entry) + "' has an invalid prefix length"));
            }
            list.networks_.push_back({*address, prefix});
        }
        return list;
    }

    bool NetworkList::contains(const IpAddress& address) const
    {
        for (const auto& n : networks_)
            if (n.base.v6 == address.v6 && prefixMatches(address, n.base, n.prefix))
                return true;
        return false;
    }

    bool NetworkList::contains(std::string_view address) const
    {
        auto parsed = parseIpAddress(address);
        return parsed && contains(*parsed);
    }

    std::string resolveClientAddress(const std::string& peer, const std::optional<std::string>& forwardedFor,
                                     const NetworkList& trustedProxies)
    {
        if (!forwardedFor || trustedProxies.empty() || !trustedProxies.contains(peer))
            return peer;
        std::vector<std::string_view> hops;
        std::string_view rest = *forwardedFor;
        while (true)
        {
            const auto comma = rest.find(',');
            hops.push_back(trim(rest.substr(0, comma)));
            if (comma == std::string_view::npos)
                break;
            rest = rest.substr(comma + 1);
        }
        for (auto it = hops.rbegin(); it != hops.rend(); ++it)
        {
            auto address = parseIpAddress(*it);
            if (!address)
                return std::string(*it);
            if (!trustedProxies.contains(*address) || std::next(it) == hops.rend())
                return std::string(*it);
        }
        return peer;
    }
} // namespace soulspot::http
