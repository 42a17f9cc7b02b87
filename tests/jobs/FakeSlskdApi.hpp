#pragma once
// An in-process ISlskdApi for unit tests of the download and album roads: searches answer from a table,
// transfers are driven by the test, and any call can be made to fail the way an unreachable slskd does
// (the HTTP client's own behaviour against the wire-format fake is tested in tests/sources/slskd).

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/Clock.hpp"
#include "sources/slskd/ISlskdApi.hpp"

namespace soulspot::testing
{
    namespace sl = sources::slskd;

    /// A clock the test moves by hand.
    class ManualClock final : public core::IClock
    {
    public:
        std::chrono::system_clock::time_point now() const override { return wall_; }
        std::chrono::steady_clock::time_point steadyNow() const override { return steady_; }
        void advance(std::chrono::milliseconds d)
        {
            wall_ += d;
            steady_ += d;
        }

    private:
        std::chrono::system_clock::time_point wall_{std::chrono::system_clock::now()};
        std::chrono::steady_clock::time_point steady_{std::chrono::steady_clock::now()};
    };

    class FakeSlskdApi final : public sl::ISlskdApi
    {
    public:
        enum class Call { Search, Responses, Enqueue, GetTransfer, Browse };

        /// Every search answers these responses (by exact search text first, else `anySearch`).
        std::map<std::string, std::vector<sl::SearchResponseDto>> searches;
        std::vector<sl::SearchResponseDto> anySearch;
        /// username|directory → what a browse of it returns.
        std::map<std::string, std::vector<sl::BrowsedDirectory>> directories;
        std::vector<std::string> offlineUsers;

        struct EnqueueCall
        {
            std::string username;
            std::vector<sl::EnqueueFile> files;
            sl::EnqueueOptions options;
        };
        std::vector<EnqueueCall> enqueues;
        std::vector<std::string> searchTexts;
        std::vector<std::string> browsed;
        std::vector<std::string> cancelled;

        /// The next `count` calls of `call` fail with `error`.
        void failNext(Call call, core::Error error, int count = 1)
        {
            std::lock_guard lock(m_);
            failures_[call] = {std::move(error), count};
        }
        /// Sets the state of a transfer (by filename) as slskd would report it.
        void setTransfer(const std::string& filename, sl::TransferOutcome outcome, std::int64_t bytes = 0, double percent = 0)
        {
            std::lock_guard lock(m_);
            for (auto& [id, t] : transfers_)
                if (t.filename == filename)
                {
                    t.outcome = outcome;
                    t.state = outcome == sl::TransferOutcome::Succeeded ? "Completed, Succeeded"
                              : outcome == sl::TransferOutcome::InProgress ? "InProgress"
                              : outcome == sl::TransferOutcome::Queued   ? "Queued, Remotely"
                                                                         : "Completed, Errored";
                    t.bytesTransferred = bytes;
                    t.percentComplete = percent;
                }
        }
        std::size_t transferCount() const
        {
            std::lock_guard lock(m_);
            return transfers_.size();
        }

        core::Result<sl::SlskdVersion> version() override { return sl::SlskdVersion::parse("0.26.0"); }
        sl::SlskdHealth checkHealth() override { return {true, true, true, "Connected, LoggedIn", "0.26.0", ""}; }

        core::Result<sl::SearchState> startSearch(const sl::SearchRequest& request) override
        {
            std::lock_guard lock(m_);
            if (auto e = failure(Call::Search))
                return core::fail(*e);
            searchTexts.push_back(request.searchText);
            texts_[request.id] = request.searchText;
            return state(request.id);
        }
        core::Result<sl::SearchState> getSearch(const std::string& id) override
        {
            std::lock_guard lock(m_);
            return state(id);
        }
        core::Result<std::vector<sl::SearchResponseDto>> getSearchResponses(const std::string& id) override
        {
            std::lock_guard lock(m_);
            if (auto e = failure(Call::Responses))
                return core::fail(*e);
            auto it = searches.find(texts_[id]);
            return it != searches.end() ? it->second : anySearch;
        }
        core::Result<void> stopSearch(const std::string&) override { return {}; }
        core::Result<void> deleteSearch(const std::string&) override { return {}; }

        core::Result<sl::EnqueueResult> enqueue(const std::string& username, const std::vector<sl::EnqueueFile>& files,
                                                const sl::EnqueueOptions& options) override
        {
            std::lock_guard lock(m_);
            if (auto e = failure(Call::Enqueue))
                return core::fail(*e);
            if (std::find(offlineUsers.begin(), offlineUsers.end(), username) != offlineUsers.end())
                return core::fail(core::Error::notFound("user offline"));
            enqueues.push_back({username, files, options});
            sl::EnqueueResult out;
            for (const auto& f : files)
            {
                sl::TransferDto t;
                t.id = "t" + std::to_string(++nextId_);
                t.username = username;
                t.filename = f.filename;
                t.size = f.size;
                t.state = "Queued, Remotely";
                transfers_[t.id] = t;
                out.enqueued.push_back({f.filename, t.id});
            }
            return out;
        }
        core::Result<sl::TransferDto> getTransfer(const std::string&, const std::string& id) override
        {
            std::lock_guard lock(m_);
            if (auto e = failure(Call::GetTransfer))
                return core::fail(*e);
            auto it = transfers_.find(id);
            if (it == transfers_.end())
                return core::fail(core::Error::notFound("no such transfer"));
            return it->second;
        }
        core::Result<std::vector<sl::TransferDto>> listTransfers() override
        {
            std::lock_guard lock(m_);
            std::vector<sl::TransferDto> out;
            for (const auto& [id, t] : transfers_)
                out.push_back(t);
            return out;
        }
        core::Result<void> cancelTransfer(const std::string&, const std::string& id, bool) override
        {
            std::lock_guard lock(m_);
            cancelled.push_back(id);
            return {};
        }
        core::Result<std::vector<sl::BrowsedDirectory>> browseDirectory(const std::string& username,
                                                                         const std::string& directory) override
        {
            std::lock_guard lock(m_);
            if (auto e = failure(Call::Browse))
                return core::fail(*e);
            browsed.push_back(username + "|" + directory);
            auto it = directories.find(username + "|" + directory);
            if (it == directories.end())
                return std::vector<sl::BrowsedDirectory>{};
            return it->second;
        }

    private:
        sl::SearchState state(const std::string& id)
        {
            sl::SearchState s;
            s.id = id;
            s.searchText = texts_[id];
            s.state = "Completed, Succeeded";
            s.isComplete = true;
            auto it = searches.find(s.searchText);
            s.responseCount = static_cast<int>((it != searches.end() ? it->second : anySearch).size());
            return s;
        }
        std::optional<core::Error> failure(Call call)
        {
            auto it = failures_.find(call);
            if (it == failures_.end() || it->second.second <= 0)
                return std::nullopt;
            --it->second.second;
            return it->second.first;
        }

        mutable std::mutex m_;
        std::map<std::string, std::string> texts_;
        std::map<std::string, sl::TransferDto> transfers_;
        std::map<Call, std::pair<core::Error, int>> failures_;
        int nextId_{0};
    };

    /// One peer's search response in slskd's shape.
    inline sl::SearchResponseDto peer(const std::string& username, std::vector<std::pair<std::string, int>> filesWithSeconds,
                                      const std::string& extension = "flac")
    {
        sl::SearchResponseDto r;
        r.username = username;
        r.hasFreeUploadSlot = true;
        r.uploadSpeed = 1000000;
        for (const auto& [name, seconds] : filesWithSeconds)
        {
            sl::SearchFileDto f;
            f.filename = name;
            f.size = extension == "flac" ? 30000000 : 8000000;
            f.extension = extension;
            f.length = seconds;
            if (extension == "flac")
            {
                f.bitDepth = 16;
                f.sampleRate = 44100;
            }
            else
                f.bitRate = 320;
            r.files.push_back(f);
        }
        return r;
    }
} // namespace soulspot::testing
