#include "http/auth/NetworkMatcher.hpp"

#include <gtest/gtest.h>

namespace soulspot::http
{
    namespace
    {
        constexpr const char* kDefaultTrusted =
            "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,169.254.0.0/16,fe80::/10,fc00::/7";
    }

    TEST(NetworkMatcher, DefaultTrustedNetworksCoverLoopbackPrivateLinkLocalAndUla)
    {
        auto list = NetworkList::parse(kDefaultTrusted);
        ASSERT_TRUE(list);
        const struct
        {
            const char* address;
            bool trusted;
        } cases[] = {
            {"127.0.0.1", true},        {"127.255.0.9", true},       {"::1", true},
            {"10.1.2.3", true},         {"172.17.0.1", true},        {"172.31.255.255", true}, // Docker's bridge
            {"172.32.0.1", false},      {"192.168.1.20", true},      {"192.169.0.1", false},
            {"169.254.10.1", true},     {"fe80::1%eth0", true},      {"fd12:3456::7", true},
            {"::ffff:192.168.0.5", true}, {"::ffff:8.8.8.8", false}, {"8.8.8.8", false},
            {"2001:db8::1", false},     {"", false},                 {"not-an-ip", false},
            {"[::1]", true},
        };
        for (const auto& c : cases)
            EXPECT_EQ(list->contains(std::string_view(c.address)), c.trusted) << c.address;
    }

    TEST(NetworkMatcher, RejectsMalformedEntriesNamingThem)
    {
        for (const char* bad : {"10.0.0.0/33", "10.0.0.0/x", "::1/129", "300.1.1.1", "fe80::/-1"})
        {
            auto list = NetworkList::parse(bad);
            ASSERT_FALSE(list) << bad;
            EXPECT_NE(list.error().message.find(bad), std::string::npos);
        }
        EXPECT_TRUE(NetworkList::parse(""));
        EXPECT_TRUE(NetworkList::parse(" 10.0.0.5 , ::ffff:10.0.0.0/104 "));
        EXPECT_TRUE(NetworkList::parse("::ffff:10.0.0.0/104")->contains(std::string_view("10.9.9.9")));
        EXPECT_TRUE(NetworkList::parse("0.0.0.0/0")->contains(std::string_view("203.0.113.1")));
    }

    TEST(NetworkMatcher, ForwardedForCountsOnlyBehindATrustedProxy)
    {
        auto proxies = *NetworkList::parse("10.0.0.2/32,10.0.0.3/32");
        const struct
        {
            const char* peer;
            std::optional<std::string> xff;
            const char* client;
        } cases[] = {
            {"203.0.113.9", std::string("127.0.0.1"), "203.0.113.9"},          // spoofed by a direct client
            {"10.0.0.2", std::string("198.51.100.7"), "198.51.100.7"},          // one proxy
            {"10.0.0.2", std::string("127.0.0.1, 198.51.100.7"), "198.51.100.7"}, // the client's own claim is ignored
            {"10.0.0.2", std::string("198.51.100.7, 10.0.0.3"), "198.51.100.7"}, // two proxies in a chain
            {"10.0.0.2", std::string("10.0.0.3"), "10.0.0.3"},                  // only proxies: the leftmost
            {"10.0.0.2", std::string("garbage"), "garbage"},                    // unparsable: an untrusted client
            {"10.0.0.2", std::nullopt, "10.0.0.2"},
        };
        for (const auto& c : cases)
            EXPECT_EQ(resolveClientAddress(c.peer, c.xff, proxies), c.client) << c.peer << " / " << c.xff.value_or("-");
        EXPECT_EQ(resolveClientAddress("10.0.0.2", std::string("1.2.3.4"), NetworkList{}), "10.0.0.2") << "no proxies configured";
    }
} // namespace soulspot::http
