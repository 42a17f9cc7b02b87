// The HTTP request path as the server runs it: Beast parses the raw bytes (with the server's limits), the
// request becomes a plain Request exactly as HttpServer's toRequest does (percentDecode, parseQuery, headers),
// then RequestPipeline (correlation id, routing) dispatches to handlers shaped like the API's, which use the
// shared readers: parseId, intQuery, parseJsonObject, dumpJson and header lookups.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "FuzzCheck.hpp"
#include "core/Log.hpp"
#include "http/HttpMessage.hpp"
#include "http/JsonBody.hpp"
#include "http/Metrics.hpp"
#include "http/RequestParams.hpp"
#include "http/RequestPipeline.hpp"
#include "http/Router.hpp"

namespace
{
    namespace bhttp = boost::beast::http;
    using namespace soulspot::http;

    // Mirrors HttpServer.cpp's toRequest (kept private there, with Beast).
    Request toRequest(const bhttp::request<bhttp::string_body>& msg)
    {
        Request r;
        r.method = std::string(msg.method_string());
        r.target = std::string(msg.target());
        const auto q = r.target.find('?');
        r.path = percentDecode(std::string_view(r.target).substr(0, q), false);
        if (q != std::string::npos)
            r.query = parseQuery(std::string_view(r.target).substr(q + 1));
        for (const auto& field : msg)
            r.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
        r.body = msg.body();
        r.remoteAddress = "127.0.0.1";
        return r;
    }

    Response idHandler(Request& r)
    {
        auto id = parseId(r.param("id"), "id");
        if (!id)
            return errorResponse(id.error());
        FUZZ_CHECK(*id >= 0, "ids are never negative");
        return jsonResponse(200, "{}");
    }

    Response listHandler(Request& r)
    {
        auto limit = intQuery(r, "limit", 50, 1, 500);
        if (!limit)
            return errorResponse(limit.error());
        FUZZ_CHECK(*limit >= 1 && *limit <= 500, "intQuery stays in its range");
        auto offset = intQuery(r, "offset", 0, 0, 1'000'000);
        if (!offset)
            return errorResponse(offset.error());
        (void)r.queryParam("status");
        (void)r.header("Last-Event-ID");
        return jsonResponse(200, dumpJson(nlohmann::json{{"limit", *limit}, {"status", r.queryParam("status").value_or("")}}));
    }

    Response bodyHandler(Request& r)
    {
        auto body = parseJsonObject(r);
        if (!body)
            return errorResponse(body.error());
        FUZZ_CHECK(body->is_object(), "parseJsonObject returns objects");
        const std::string dumped = dumpJson(*body);
        // dumpJson replaces invalid UTF-8, so what it writes always reads back.
        const auto again = nlohmann::json::parse(dumped, nullptr, false);
        FUZZ_CHECK(!again.is_discarded() && again.is_object(), "dumpJson output parses back to an object");
        return jsonResponse(201, dumped);
    }

    std::shared_ptr<Router> makeRouter()
    {
        auto router = std::make_shared<Router>();
        router->add("GET", "/api/v1/downloads", listHandler);
        router->add("POST", "/api/v1/downloads", bodyHandler);
        router->add("POST", "/api/v1/downloads/pause", [](Request&) { return jsonResponse(200, "{}"); });
        router->add("GET", "/api/v1/downloads/{id}", idHandler);
        router->add("DELETE", "/api/v1/downloads/{id}", idHandler);
        router->add("POST", "/api/v1/downloads/{id}/retry", idHandler);
        router->add("GET", "/api/v1/library/tracks/{id}/file", idHandler);
        router->add("PUT", "/api/v1/settings/naming", bodyHandler);
        router->add("GET", "/health", [](Request&) { return jsonResponse(200, "{\"status\":\"ok\"}"); });
        return router;
    }
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const bool quiet = [] {
        soulspot::core::configureLogging(soulspot::core::LogLevel::Error, soulspot::core::LogFormat::Json);
        soulspot::core::setLogSink([](std::string_view, void*) {}, nullptr);
        return true;
    }();
    (void)quiet;
    static const auto metrics = std::make_shared<Metrics>();
    static const RequestPipeline pipeline(makeRouter(), metrics);

    bhttp::request_parser<bhttp::string_body> parser;
    parser.eager(true);
    parser.body_limit(1024 * 1024); // the server's defaults (API_MAX_BODY_BYTES, header limit)
    parser.header_limit(16 * 1024);
    boost::beast::error_code ec;
    parser.put(boost::asio::buffer(data, size), ec);
    if (!ec && !parser.is_done())
        parser.put_eof(ec);
    if (ec || !parser.is_done())
        return 0;

    Request request = toRequest(parser.get());
    FUZZ_CHECK(request.path.size() <= request.target.size(), "percent-decoding never grows the path");
    for (const auto& [k, v] : request.query)
        FUZZ_CHECK(k.size() + v.size() <= request.target.size(), "query parts come from the target");

    const Response response = pipeline.handle(request);
    const auto id = response.header("X-Correlation-ID");
    FUZZ_CHECK(id && isAcceptableCorrelationId(*id), "every response carries a safe correlation id");
    FUZZ_CHECK(response.status == 200 || response.status == 201 || response.status == 400 || response.status == 404 ||
                   response.status == 405,
               "only the statuses the handlers and router produce");
    if (response.status == 405)
        FUZZ_CHECK(response.header("Allow").has_value(), "405 names the allowed methods");
    for (const auto& [name, value] : request.pathParams)
        FUZZ_CHECK(!value.empty() && value.find('/') == std::string::npos, "a path parameter is one segment");
    if (response.status >= 400)
    {
        const auto j = nlohmann::json::parse(response.body, nullptr, false);
        FUZZ_CHECK(j.is_object() && j.contains("error"), "errors are {\"error\": {...}}");
    }
    // Labels come from the route table, a fixed method list and the status: series must stay bounded however
    // many distinct requests arrive (an unbounded label would grow memory and /metrics forever).
    static std::uint64_t calls = 0;
    if (++calls % 4096 == 0)
        FUZZ_CHECK(metrics->render().size() < 1024 * 1024, "metrics stay bounded");
    return 0;
}
