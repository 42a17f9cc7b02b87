#pragma once
// HTTP/1.1 from a chosen local source address (127.0.0.2 …): the only way to be a client outside
// AUTH_TRUSTED_NETWORKS=127.0.0.1/32 on one machine, since Linux sends loopback traffic from 127.0.0.1
// unless the socket is bound first. Also a reader for Server-Sent Events.

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace soulspot::testing
{
    struct RawHttpResponse
    {
        int status{0};
        std::multimap<std::string, std::string> headers; // names lower-cased
        std::string body;
        std::string header(const std::string& lowerName) const;
    };

    using RawHeaders = std::vector<std::pair<std::string, std::string>>;

    /// One request with Connection: close; status 0 when the connection failed.
    RawHttpResponse httpFrom(const std::string& sourceAddress, int port, const std::string& method, const std::string& target,
                             const RawHeaders& headers = {}, const std::string& body = {});

    /// An open event stream: read until a text appears (or the timeout passes).
    class EventStreamReader
    {
    public:
        EventStreamReader(const std::string& sourceAddress, int port, const RawHeaders& headers = {});
        ~EventStreamReader();
        /// Everything received so far once `needle` is in it, or what came before the timeout.
        const std::string& readUntil(const std::string& needle, int timeoutMs);
        const std::string& received() const { return received_; }

    private:
        int fd_{-1};
        std::string received_;
    };
} // namespace soulspot::testing
