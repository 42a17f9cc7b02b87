#pragma once
// slskd JSON ⇄ our DTOs. Internal to this room; keeps nlohmann out of every header. Parsers are lenient
// where slskd omits or varies fields, and fail with ParseError only when the shape is unusable.

#include <string>
#include <string_view>
#include <vector>

#include "core/Error.hpp"
#include "sources/slskd/SlskdTypes.hpp"

namespace soulspot::sources::slskd::json
{
    struct EnqueueReply
    {
        std::vector<TransferDto> enqueued;
        std::vector<EnqueueFailure> failed;
        std::optional<std::string> batchId;
        bool hasTransferList{false}; // the reply carried transfer records (0.24+ legacy, batches with transfers)
    };

    struct ApplicationState
    {
        std::string version;
        std::string serverState;
        bool isLoggedIn{false};
    };

    std::string searchRequest(const SearchRequest& request);
    std::string sessionRequest(const std::string& username, const std::string& password);
    std::string legacyEnqueueRequest(const std::vector<EnqueueFile>& files);
    std::string batchEnqueueRequest(const std::string& username, const std::vector<EnqueueFile>& files,
                                    const EnqueueOptions& options);

    core::Result<std::string> sessionToken(std::string_view body);
    /// The version endpoint answers a JSON string; a bare text body is accepted too.
    std::string versionString(std::string_view body);
    core::Result<ApplicationState> applicationState(std::string_view body);
    core::Result<SearchState> searchState(std::string_view body);
    core::Result<std::vector<SearchResponseDto>> searchResponses(std::string_view body);
    core::Result<TransferDto> transfer(std::string_view body);
    /// One UserResponse {username, directories[{files[]}]} or an array of them, flattened.
    core::Result<std::vector<TransferDto>> transfers(std::string_view body);
    /// 0.24+ {enqueued, failed} (failed as filenames or {filename,message}); an empty body is valid (≤0.23).
    core::Result<EnqueueReply> legacyEnqueueReply(std::string_view body);
    /// 0.26 {batch:{id, transfers?}, failures:[{filename,message}]}.
    core::Result<EnqueueReply> batchEnqueueReply(std::string_view body);
    /// slskd errors are plain JSON strings; returns the text, or the raw body if it is not one.
    std::string errorText(std::string_view body);
} // namespace soulspot::sources::slskd::json
