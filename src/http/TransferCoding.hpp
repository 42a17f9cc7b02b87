#pragma once
// Which Transfer-Encoding a request may use (RFC 9112 §6, RFC 9110 §10.1.4). The server decodes one
// transfer coding, chunked; Beast would read any other as "no body" and parse the body as the next
// request (a smuggling road), so such requests are refused before their body is read.

#include <optional>
#include <string>
#include <string_view>

namespace soulspot::http
{
    struct TransferCodingProblem
    {
        int status;       // 501: a coding we do not implement; 400: chunked not last, or twice
        std::string code; // error code for the JSON body
        std::string message;
    };

    /// `values`: every Transfer-Encoding field value of the request joined with ", " ("" when absent).
    /// nullopt when the request is fine: no Transfer-Encoding, or exactly "chunked".
    std::optional<TransferCodingProblem> transferCodingProblem(std::string_view values);
} // namespace soulspot::http
