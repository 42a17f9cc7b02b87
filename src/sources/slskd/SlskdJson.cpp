#include "sources/slskd/SlskdJson.hpp"

#include <cstdint>
#include <limits>
#include <type_traits>

#include <nlohmann/json.hpp>

namespace soulspot::sources::slskd::json
{
    namespace
    {
        using nlohmann::json;

        std::string str(const json& j, const char* key)
        {
            const auto it = j.find(key);
            return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
        }

        // A JSON number as T, or nullopt when it is no number or does not fit: converting 1e300 or 2^64 to an
        // integer is undefined behaviour, and a peer's metadata (bitRate, size) reaches us through slskd verbatim.
        template <typename T>
        std::optional<T> fitting(const json& v)
        {
            if constexpr (std::is_floating_point_v<T>)
                return v.is_number() ? std::optional<T>(v.get<T>()) : std::nullopt;
            else
            {
                using Limits = std::numeric_limits<T>;
                if (v.is_number_unsigned())
                {
                    const auto u = v.get<std::uint64_t>();
                    return u <= static_cast<std::uint64_t>(Limits::max()) ? std::optional<T>(static_cast<T>(u)) : std::nullopt;
                }
                if (v.is_number_integer())
                {
                    const auto i = v.get<std::int64_t>();
                    return i >= static_cast<std::int64_t>(Limits::min()) && i <= static_cast<std::int64_t>(Limits::max())
                               ? std::optional<T>(static_cast<T>(i))
                               : std::nullopt;
                }
                if (v.is_number_float())
                {
                    const double d = v.get<double>(); // NaN fails both comparisons
                    return d >= static_cast<double>(Limits::min()) && d < static_cast<double>(Limits::max())
                               ? std::optional<T>(static_cast<T>(d))
                               : std::nullopt;
                }
                return std::nullopt;
            }
        }

        template <typename T>
        T num(const json& j, const char* key, T fallback = T{})
        {
            const auto it = j.find(key);
            return it != j.end() ? fitting<T>(*it).value_or(fallback) : fallback;
        }

        // slskd omits unknown values entirely (WhenWritingNull); null is tolerated the same way.
        std::optional<int> optInt(const json& j, const char* key)
        {
            const auto it = j.find(key);
            if (it == j.end())
                return std::nullopt;
            return fitting<int>(*it);
        }

        std::optional<std::string> optStr(const json& j, const char* key)
        {
            const auto it = j.find(key);
            if (it == j.end() || !it->is_string())
                return std::nullopt;
            return it->get<std::string>();
        }

        bool flag(const json& j, const char* key)
        {
            const auto it = j.find(key);
            return it != j.end() && it->is_boolean() && it->get<bool>();
        }

        std::string extensionOf(const std::string& filename)
        {
            const auto dot = filename.rfind('.');
            const auto sep = filename.find_last_of("\\/");
            if (dot == std::string::npos || (sep != std::string::npos && dot < sep))
                return {};
            return filename.substr(dot + 1);
        }

        SearchFileDto toFile(const json& j, bool locked)
        {
            SearchFileDto f;
            f.filename = str(j, "filename");
            f.size = num<std::int64_t>(j, "size");
            f.extension = str(j, "extension");
            if (f.extension.empty())
                f.extension = extensionOf(f.filename);
            f.bitRate = optInt(j, "bitRate");
            f.bitDepth = optInt(j, "bitDepth");
            f.sampleRate = optInt(j, "sampleRate");
            f.length = optInt(j, "length");
            if (const auto it = j.find("isVariableBitRate"); it != j.end() && it->is_boolean())
                f.isVariableBitRate = it->get<bool>();
            f.isLocked = locked; // slskd never sets isLocked; only membership in lockedFiles says so
            return f;
        }

        std::vector<SearchFileDto> toFiles(const json& j, const char* key, bool locked)
        {
            std::vector<SearchFileDto> out;
            if (const auto it = j.find(key); it != j.end() && it->is_array())
                for (const auto& f : *it)
                    out.push_back(toFile(f, locked));
            return out;
        }

        TransferDto toTransfer(const json& j)
        {
            TransferDto t;
            t.id = str(j, "id");
            t.username = str(j, "username");
            t.filename = str(j, "filename");
            t.size = num<std::int64_t>(j, "size");
            t.state = str(j, "state");
            t.stateFlags = parseTransferStates(t.state);
            t.outcome = outcomeFromStates(t.stateFlags);
            t.bytesTransferred = num<std::int64_t>(j, "bytesTransferred");
            // Signed on purpose: slskd reports size - transferred, which goes negative (soulbeet #78).
            // The fallback must not overflow either (size near INT64_MAX, transferred negative).
            std::int64_t remaining = 0;
            if (__builtin_sub_overflow(t.size, t.bytesTransferred, &remaining))
                remaining = 0;
            t.bytesRemaining = num<std::int64_t>(j, "bytesRemaining", remaining);
            t.percentComplete = num<double>(j, "percentComplete");
            t.averageSpeed = num<double>(j, "averageSpeed");
            t.placeInQueue = optInt(j, "placeInQueue");
            t.exception = optStr(j, "exception");
            t.batchId = optStr(j, "batchId");
            t.requestedAt = str(j, "requestedAt");
            t.endedAt = optStr(j, "endedAt");
            return t;
        }

        void appendUserTransfers(const json& user, std::vector<TransferDto>& out)
        {
            const auto dirs = user.find("directories");
            if (dirs == user.end() || !dirs->is_array())
                return;
            for (const auto& dir : *dirs)
                if (const auto files = dir.find("files"); files != dir.end() && files->is_array())
                    for (const auto& f : *files)
                        out.push_back(toTransfer(f));
        }

        std::vector<EnqueueFailure> toFailures(const json& j, const char* key)
        {
            std::vector<EnqueueFailure> out;
            const auto it = j.find(key);
            if (it == j.end() || !it->is_array())
                return out;
            for (const auto& f : *it)
            {
                if (f.is_string())
                    out.push_back({f.get<std::string>(), "enqueue failed"});
                else if (f.is_object())
                    out.push_back({str(f, "filename"), str(f, "message")});
            }
            return out;
        }

        template <typename Fn>
        auto parseWith(std::string_view body, const char* what, Fn fn) -> decltype(fn(json{}))
        {
            try
            {
                return fn(json::parse(body));
            }
            catch (const json::exception& e)
            {
                return core::fail(core::Error::parse(std::string("slskd ") + what + ": " + e.what()));
            }
        }
    } // namespace

    std::string searchRequest(const SearchRequest& request)
    {
        json j{{"id", request.id},
               {"searchText", request.searchText},
               {"searchTimeout", request.searchTimeout.count()}}; // milliseconds, whatever slskd's comment says
        if (request.responseLimit)
            j["responseLimit"] = *request.responseLimit;
        if (request.fileLimit)
            j["fileLimit"] = *request.fileLimit;
        return j.dump();
    }

    std::string sessionRequest(const std::string& username, const std::string& password)
    {
        return json{{"username", username}, {"password", password}}.dump();
    }

    std::string legacyEnqueueRequest(const std::vector<EnqueueFile>& files)
    {
        json arr = json::array();
        for (const auto& f : files)
            arr.push_back({{"filename", f.filename}, {"size", f.size}});
        return arr.dump();
    }

    std::string batchEnqueueRequest(const std::string& username, const std::vector<EnqueueFile>& files,
                                    const EnqueueOptions& options)
    {
        json j{{"username", username}, {"files", json::parse(legacyEnqueueRequest(files))}};
        if (options.batchId)
            j["id"] = *options.batchId;
        if (options.searchId)
            j["searchId"] = *options.searchId;
        if (options.destination)
            j["options"] = {{"destination", *options.destination}};
        return j.dump();
    }

    core::Result<std::string> sessionToken(std::string_view body)
    {
        return parseWith(body, "session", [](const json& j) -> core::Result<std::string> {
            auto token = str(j, "token");
            if (token.empty())
                return core::fail(core::Error::parse("slskd session reply has no token"));
            return token;
        });
    }

    std::string versionString(std::string_view body)
    {
        try
        {
            const auto j = json::parse(body);
            if (j.is_string())
                return j.get<std::string>();
        }
        catch (const json::exception&)
        {
        }
        return std::string(body);
    }

    core::Result<ApplicationState> applicationState(std::string_view body)
    {
        return parseWith(body, "application", [](const json& j) -> core::Result<ApplicationState> {
            ApplicationState s;
            if (const auto v = j.find("version"); v != j.end())
                s.version = v->is_string() ? v->get<std::string>() : str(*v, "current");
            if (const auto server = j.find("server"); server != j.end() && server->is_object())
            {
                s.isLoggedIn = flag(*server, "isLoggedIn");
                s.serverState = str(*server, "state");
            }
            return s;
        });
    }

    core::Result<SearchState> searchState(std::string_view body)
    {
        return parseWith(body, "search", [](const json& j) -> core::Result<SearchState> {
            SearchState s;
            s.id = str(j, "id");
            s.searchText = str(j, "searchText");
            s.state = str(j, "state");
            // isComplete mirrors the Completed flag; derive it when an older build leaves it out.
            s.isComplete = j.contains("isComplete") ? flag(j, "isComplete")
                                                    : s.state.find("Completed") != std::string::npos;
            s.responseCount = num<int>(j, "responseCount");
            s.fileCount = num<int>(j, "fileCount");
            s.lockedFileCount = num<int>(j, "lockedFileCount");
            return s;
        });
    }

    core::Result<std::vector<SearchResponseDto>> searchResponses(std::string_view body)
    {
        return parseWith(body, "responses", [](const json& j) -> core::Result<std::vector<SearchResponseDto>> {
            if (!j.is_array())
                return core::fail(core::Error::parse("slskd responses: expected an array"));
            std::vector<SearchResponseDto> out;
            for (const auto& r : j)
            {
                SearchResponseDto dto;
                dto.username = str(r, "username");
                dto.hasFreeUploadSlot = flag(r, "hasFreeUploadSlot");
                dto.uploadSpeed = num<std::int64_t>(r, "uploadSpeed");
                dto.queueLength = num<std::int64_t>(r, "queueLength");
                dto.files = toFiles(r, "files", false);
                dto.lockedFiles = toFiles(r, "lockedFiles", true);
                out.push_back(std::move(dto));
            }
            return out;
        });
    }

    core::Result<TransferDto> transfer(std::string_view body)
    {
        return parseWith(body, "transfer", [](const json& j) -> core::Result<TransferDto> {
            if (!j.is_object() || str(j, "id").empty())
                return core::fail(core::Error::parse("slskd transfer: no id"));
            return toTransfer(j);
        });
    }

    core::Result<std::vector<TransferDto>> transfers(std::string_view body)
    {
        return parseWith(body, "transfers", [](const json& j) -> core::Result<std::vector<TransferDto>> {
            std::vector<TransferDto> out;
            if (j.is_array())
                for (const auto& user : j)
                    appendUserTransfers(user, out);
            else if (j.is_object())
                appendUserTransfers(j, out);
            else
                return core::fail(core::Error::parse("slskd transfers: unexpected shape"));
            return out;
        });
    }

    core::Result<EnqueueReply> legacyEnqueueReply(std::string_view body)
    {
        if (body.find_first_not_of(" \r\n\t") == std::string_view::npos)
            return EnqueueReply{}; // ≤0.23: 201 with no body at all
        return parseWith(body, "enqueue", [](const json& j) -> core::Result<EnqueueReply> {
            EnqueueReply reply;
            if (const auto it = j.find("enqueued"); it != j.end() && it->is_array())
            {
                reply.hasTransferList = true;
                for (const auto& t : *it)
                    reply.enqueued.push_back(toTransfer(t));
            }
            reply.failed = toFailures(j, "failed");
            return reply;
        });
    }

    core::Result<EnqueueReply> batchEnqueueReply(std::string_view body)
    {
        return parseWith(body, "batch", [](const json& j) -> core::Result<EnqueueReply> {
            EnqueueReply reply;
            if (const auto batch = j.find("batch"); batch != j.end() && batch->is_object())
            {
                if (auto id = str(*batch, "id"); !id.empty())
                    reply.batchId = std::move(id);
                if (const auto ts = batch->find("transfers"); ts != batch->end() && ts->is_array())
                {
                    reply.hasTransferList = true;
                    for (const auto& t : *ts)
                        reply.enqueued.push_back(toTransfer(t));
                }
            }
            reply.failed = toFailures(j, "failures");
            return reply;
        });
    }

    std::string errorText(std::string_view body)
    {
        try
        {
            const auto j = json::parse(body);
            if (j.is_string())
                return j.get<std::string>();
        }
        catch (const json::exception&)
        {
        }
        return std::string(body.substr(0, 300));
    }
} // namespace soulspot::sources::slskd::json
