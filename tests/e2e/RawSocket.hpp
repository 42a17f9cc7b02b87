#pragma once
// Sends raw bytes to a local port and returns whatever comes back until the peer closes (or a timeout):
// for malformed requests that no HTTP client library would send.

#include <string>

namespace soulspot::testing
{
    std::string rawExchange(int port, const std::string& bytes, int timeoutMs = 3000);
}
