// Enqueue, transfer lookups and cancel (reference/slskd-api.md §1.6). After enqueue everything is by
// transfer id; the filename is used exactly once, to learn ids the enqueue reply did not carry.
#include <algorithm>
#include <set>

#include "core/Log.hpp"
#include "sources/slskd/SlskdClient.hpp"
#include "sources/slskd/SlskdJson.hpp"

namespace soulspot::sources::slskd
{
    namespace
    {
        const core::Logger kLog("sources.slskd");
        const std::string kDownloads = "/api/v0/transfers/downloads";

        std::string userPath(const std::string& username)
        {
            return kDownloads + "/" + net::urlEncode(username); // slskd binds {username} with [UrlEncoded]
        }

        core::Error userOffline(const std::string& username, const net::HttpResponse& response)
        {
            return core::Error{core::ErrorCode::NotFound,
                               "user offline: " + username + " (" + json::errorText(response.body) + ")", false,
                               response.status};
        }

        bool saysOffline(const net::HttpResponse& response)
        {
            return json::errorText(response.body).find("offline") != std::string::npos;
        }

        EnqueueResult fromReply(const json::EnqueueReply& reply, const std::vector<EnqueueFile>& files)
        {
            EnqueueResult result;
            result.batchId = reply.batchId;
            result.failed = reply.failed;
            if (reply.hasTransferList)
            {
                for (const auto& t : reply.enqueued)
                    result.enqueued.push_back({t.filename, t.id});
                return result;
            }
            // No records in the reply: every file not reported as failed was accepted, ids still unknown.
            for (const auto& f : files)
            {
                const bool failed = std::any_of(reply.failed.begin(), reply.failed.end(),
                                                [&](const EnqueueFailure& x) { return x.filename == f.filename; });
                if (!failed)
                    result.enqueued.push_back({f.filename, {}});
            }
            return result;
        }

        /// A kept record of an earlier attempt can share the filename; prefer the live, newest one.
        const TransferDto* pickRecord(const std::vector<TransferDto>& transfers, const std::string& filename,
                                      const std::optional<std::string>& batchId, const std::set<std::string>& taken)
        {
            const TransferDto* best = nullptr;
            for (const auto& t : transfers)
            {
                if (t.filename != filename || taken.count(t.id) || (batchId && t.batchId && *t.batchId != *batchId))
                    continue;
                const auto rank = [](const TransferDto& x) { return std::make_pair(!x.terminal(), x.requestedAt); };
                if (!best || rank(t) > rank(*best))
                    best = &t;
            }
            return best;
        }
    } // namespace

    core::Result<EnqueueResult> SlskdClient::enqueue(const std::string& username, const std::vector<EnqueueFile>& files,
                                                     const EnqueueOptions& options)
    {
        if (username.empty() || files.empty())
            return core::fail(core::Error::invalid("slskd enqueue: username and at least one file required"));
        auto v = version();
        if (!v)
            return core::fail(v.error());
        return v->hasBatches() ? enqueueBatch(username, files, options) : enqueueLegacy(username, files);
    }

    core::Result<EnqueueResult> SlskdClient::enqueueLegacy(const std::string& username,
                                                           const std::vector<EnqueueFile>& files)
    {
        auto response = send("POST", userPath(username), json::legacyEnqueueRequest(files));
        if (!response)
            return core::fail(response.error());
        if (response->status == 404 || (response->status == 500 && saysOffline(*response)))
        {
            // An offline peer is an answer, not an outage; undo the failure ServiceClient counted for the 500.
            service_.breaker().recordSuccess();
            return core::fail(userOffline(username, *response));
        }
        if (!response->ok())
            return core::fail(httpError(*response, "slskd enqueue for " + username));
        auto reply = json::legacyEnqueueReply(response->body);
        if (!reply)
            return core::fail(reply.error());
        auto result = fromReply(*reply, files);
        if (auto resolved = resolveTransferIds(username, result, std::nullopt); !resolved)
            return core::fail(resolved.error());
        return result;
    }

    core::Result<EnqueueResult> SlskdClient::enqueueBatch(const std::string& username,
                                                          const std::vector<EnqueueFile>& files,
                                                          const EnqueueOptions& options)
    {
        auto response = send("POST", kDownloads + "/batches", json::batchEnqueueRequest(username, files, options));
        if (!response)
            return core::fail(response.error());
        if (response->status == 404 || (response->status == 500 && saysOffline(*response)))
        {
            service_.breaker().recordSuccess();
            return core::fail(userOffline(username, *response));
        }
        if (response->status == 409)
            return core::fail(httpError(*response, "slskd batch id already used"));
        // 201 all enqueued, 207 some failed, 200 all failed: each carries {batch, failures}.
        if (!response->ok())
            return core::fail(httpError(*response, "slskd batch enqueue for " + username));
        auto reply = json::batchEnqueueReply(response->body);
        if (!reply)
            return core::fail(reply.error());
        auto result = fromReply(*reply, files);
        if (!result.batchId)
            result.batchId = options.batchId;
        if (auto resolved = resolveTransferIds(username, result, result.batchId); !resolved)
            return core::fail(resolved.error());
        return result;
    }

    core::Result<void> SlskdClient::resolveTransferIds(const std::string& username, EnqueueResult& result,
                                                       const std::optional<std::string>& batchId)
    {
        const bool missing = std::any_of(result.enqueued.begin(), result.enqueued.end(),
                                         [](const EnqueuedTransfer& t) { return t.transferId.empty(); });
        if (!missing)
            return {};
        auto response = send("GET", userPath(username));
        if (!response)
            return core::fail(response.error());
        std::vector<TransferDto> transfers;
        if (response->ok())
        {
            auto parsed = json::transfers(response->body);
            if (!parsed)
                return core::fail(parsed.error());
            transfers = std::move(*parsed);
        }
        else if (response->status != 404) // 404 = slskd holds nothing for this user
            return core::fail(httpError(*response, "slskd transfers of " + username));

        std::set<std::string> taken;
        for (const auto& e : result.enqueued)
            if (!e.transferId.empty())
                taken.insert(e.transferId);
        for (auto& e : result.enqueued)
        {
            if (!e.transferId.empty())
                continue;
            if (const auto* record = pickRecord(transfers, e.filename, batchId, taken))
            {
                e.transferId = record->id;
                taken.insert(record->id);
            }
            else
                kLog.warning("slskd accepted a file but does not list it", {{"username", username},
                                                                             {"filename", e.filename}});
        }
        return {};
    }

    core::Result<TransferDto> SlskdClient::getTransfer(const std::string& username, const std::string& transferId)
    {
        auto response = send("GET", userPath(username) + "/" + net::urlEncode(transferId));
        if (!response)
            return core::fail(response.error());
        if (!response->ok())
            return core::fail(httpError(*response, "slskd transfer " + transferId));
        return json::transfer(response->body);
    }

    core::Result<std::vector<TransferDto>> SlskdClient::listTransfers()
    {
        auto response = send("GET", kDownloads + "?includeRemoved=false");
        if (!response)
            return core::fail(response.error());
        if (!response->ok())
            return core::fail(httpError(*response, "slskd transfers"));
        return json::transfers(response->body);
    }

    core::Result<void> SlskdClient::cancelTransfer(const std::string& username, const std::string& transferId,
                                                   bool remove)
    {
        // Without remove=true slskd answers 204 and keeps the record (soulbeet #78).
        auto response = send("DELETE", userPath(username) + "/" + net::urlEncode(transferId) +
                                           (remove ? "?remove=true" : "?remove=false"));
        if (!response)
            return core::fail(response.error());
        if (!response->ok())
            return core::fail(httpError(*response, "slskd cancel transfer " + transferId));
        return {};
    }
} // namespace soulspot::sources::slskd
