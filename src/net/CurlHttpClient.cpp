#include <curl/curl.h>

#include <mutex>

#include "net/HttpClient.hpp"

namespace soulspot::net
{
    namespace
    {
        struct CurlGlobal
        {
            CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
        };

        struct EasyHandle
        {
            CURL* handle{curl_easy_init()};
            ~EasyHandle()
            {
                if (handle)
                    curl_easy_cleanup(handle);
            }
        };

        struct Sink
        {
            std::string* body;
            HeaderList* headers;
            std::size_t limit;
            bool overflow{false};
        };

        std::size_t onBody(char* data, std::size_t size, std::size_t n, void* user)
        {
            auto* sink = static_cast<Sink*>(user);
            const std::size_t bytes = size * n;
            if (sink->body->size() + bytes > sink->limit)
            {
                sink->overflow = true;
                return 0; // aborts the transfer
            }
            sink->body->append(data, bytes);
            return bytes;
        }

        std::size_t onHeader(char* data, std::size_t size, std::size_t n, void* user)
        {
            auto* sink = static_cast<Sink*>(user);
            const std::size_t bytes = size * n;
            std::string_view line(data, bytes);
            if (line.starts_with("HTTP/"))
                sink->headers->clear(); // a redirect or 100-continue starts a new header block
            const auto colon = line.find(':');
            if (colon != std::string_view::npos)
            {
                auto value = line.substr(colon + 1);
                while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
                    value.remove_prefix(1);
                while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
                    value.remove_suffix(1);
                sink->headers->emplace_back(std::string(line.substr(0, colon)), std::string(value));
            }
            return bytes;
        }

        class CurlHttpClient final : public IHttpClient
        {
        public:
            explicit CurlHttpClient(CurlOptions options) : options_(std::move(options))
            {
                static CurlGlobal global;
            }

            core::Result<HttpResponse> send(const HttpRequest& request) override
            {
                thread_local EasyHandle easy;
                CURL* curl = easy.handle;
                if (!curl)
                    return core::fail(core::Error::internal("curl_easy_init failed"));
                curl_easy_reset(curl);

                HttpResponse response;
                Sink sink{&response.body, &response.headers, static_cast<std::size_t>(options_.maxResponseBytes)};
                curl_slist* headerList = nullptr;
                for (const auto& [key, value] : request.headers)
                    headerList = curl_slist_append(headerList, (key + ": " + value).c_str());
                // libcurl adds "Expect: 100-continue" to larger POSTs; fakes and slskd don't need the round trip.
                headerList = curl_slist_append(headerList, "Expect:");

                curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
                curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
                curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.userAgent.c_str());
                curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headerList);
                curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
                curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connectTimeout.count()));
                curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
                curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
                curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
                curl_easy_setopt(curl, CURLOPT_HEADERDATA, &sink);
                curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
                curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
                if (request.method == "GET")
                    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
                else if (request.method == "HEAD")
                    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
                else
                {
                    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
                    if (!request.body.empty() || request.method == "POST" || request.method == "PUT" ||
                        request.method == "PATCH")
                    {
                        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
                        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
                    }
                }

                const CURLcode rc = curl_easy_perform(curl);
                curl_slist_free_all(headerList);
                if (rc != CURLE_OK)
                {
                    core::Error err;
                    err.retryable = true;
                    err.message = std::string(curl_easy_strerror(rc)) + " (" + request.method + " " + request.url + ")";
                    if (sink.overflow)
                    {
                        err.code = core::ErrorCode::UpstreamError;
                        err.retryable = false;
                        err.message = "response larger than limit from " + request.url;
                    }
                    else if (rc == CURLE_OPERATION_TIMEDOUT)
                        err.code = core::ErrorCode::Timeout;
                    else
                        err.code = core::ErrorCode::Unavailable;
                    return core::fail(std::move(err));
                }
                long status = 0;
                curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
                response.status = static_cast<int>(status);
                return response;
            }

        private:
            CurlOptions options_;
        };
    } // namespace

    std::shared_ptr<IHttpClient> createCurlHttpClient(CurlOptions options)
    {
        return std::make_shared<CurlHttpClient>(std::move(options));
    }
} // namespace soulspot::net
