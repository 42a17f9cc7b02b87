// Directory browse before an album download (reference/slskd-api.md §1.5): the whole folder, not just the
// files a search happened to show.
#include "core/Log.hpp"
#include "sources/slskd/BrowseReply.hpp"
#include "sources/slskd/SlskdClient.hpp"
#include "sources/slskd/SlskdJson.hpp"

#include <nlohmann/json.hpp>

namespace soulspot::sources::slskd
{
    namespace
    {
        const core::Logger kLog("sources.slskd");
    } // namespace

    core::Result<std::vector<BrowsedDirectory>> SlskdClient::browseDirectory(const std::string& username,
                                                                             const std::string& directory)
    {
        if (username.empty() || directory.find_first_not_of("\\/ ") == std::string::npos)
            return core::fail(core::Error::invalid("slskd browse needs a username and a directory"));
        const std::string what = "slskd browse " + username;
        // slskd binds {username} with [UrlEncoded]; POST is only retried on 429 by ServiceClient, which suits
        // a request that makes slskd contact the peer.
        auto response = send("POST", "/api/v0/users/" + net::urlEncode(username) + "/directory",
                             nlohmann::json{{"directory", directory}}.dump(), config_.browseTimeout);
        if (!response)
            return core::fail(response.error());
        if (response->status == 404)
        {
            core::Error err{core::ErrorCode::NotFound, "user offline: " + username, false, 404};
            err.reason = "user_offline";
            return core::fail(err);
        }
        if (response->status == 500)
        {
            // slskd answered; the peer behind it did not (timed out, refused, went away). Not an outage of
            // slskd, so the breaker is told it is healthy.
            service_.breaker().recordSuccess();
            core::Error err{core::ErrorCode::UpstreamError,
                            what + ": the peer did not answer (" + json::errorText(response->body) + ")", true, 500};
            err.reason = "peer_failed";
            return core::fail(err);
        }
        if (!response->ok())
            return core::fail(httpError(*response, what));
        auto directories = parseBrowseReply(response->body, directory);
        if (!directories)
            return core::fail(directories.error());
        int skipped = 0;
        for (const auto& d : *directories)
            skipped += d.skippedFiles;
        if (skipped > 0)
            kLog.warning("slskd browse dropped unsafe or excess entries",
                         {{"username", username}, {"directory", directory}, {"skipped", std::int64_t{skipped}}});
        return directories;
    }
} // namespace soulspot::sources::slskd
