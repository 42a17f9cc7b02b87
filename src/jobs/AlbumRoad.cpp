// The album road: claim, search and score folders (browsing where the search showed only part of one),
// then enqueue the chosen folder as one unit and let each track travel the download road.
#include "jobs/AlbumRoad.hpp"

#include <map>
#include <set>

#include "core/Log.hpp"
#include "core/Uuid.hpp"
#include "jobs/CandidateMapping.hpp"
#include "jobs/SlskdSearch.hpp"
#include "matching/QueryBuilder.hpp"

namespace soulspot::jobs
{
    namespace
    {
        const core::Logger kLog("jobs.album");
        using S = core::DownloadStatus;
        using R = core::TransitionReason;
        constexpr int kMaxBrowsesPerRound = 3;

        bool isActive(S s) { return s == S::Queued || s == S::Searching || s == S::Downloading || s == S::Verifying; }

        std::string parentOf(const std::string& remote)
        {
            const auto cut = remote.find_last_of("\\/");
            return cut == std::string::npos ? std::string() : remote.substr(0, cut);
        }

        class AlbumHold
        {
        public:
            AlbumHold(std::mutex& m, std::set<std::int64_t>& live, std::int64_t id) : m_(m), live_(live), id_(id)
            {
                std::lock_guard lock(m_);
                live_.insert(id_);
            }
            ~AlbumHold()
            {
                std::lock_guard lock(m_);
                live_.erase(id_);
            }
            AlbumHold(const AlbumHold&) = delete;
            AlbumHold& operator=(const AlbumHold&) = delete;

        private:
            std::mutex& m_;
            std::set<std::int64_t>& live_;
            std::int64_t id_;
        };
    } // namespace

    matching::WantedAlbum toWantedAlbum(const db::AlbumRecord& album, const std::vector<db::AlbumTrackRecord>& tracks)
    {
        matching::WantedAlbum w;
        w.title = album.title;
        if (!album.artist.empty())
            w.artists = {album.artist};
        w.releaseDate = album.releaseDate;
        w.primaryType = album.primaryType;
        w.discCount = std::max(1, album.discCount);
        w.releaseMbid = album.releaseMbid;
        w.releaseGroupMbid = album.releaseGroupMbid;
        w.spotifyAlbumId = album.spotifyId;
        for (const auto& t : tracks)
        {
            matching::WantedAlbumTrack wt;
            wt.track = toWanted(t.track);
            wt.track.album = album.title;
            wt.track.trackNumber = t.trackNumber > 0 ? std::optional<int>(t.trackNumber) : std::nullopt;
            wt.discNumber = t.discNumber;
            w.tracks.push_back(std::move(wt));
        }
        return w;
    }

    std::vector<db::AlbumFolderRecord> toFolderRecords(const matching::AlbumMatchResult& result,
                                                       const std::vector<matching::AlbumFolder>& folders)
    {
        std::vector<db::AlbumFolderRecord> out;
        for (std::size_t i = 0; i < result.folders.size(); ++i)
        {
            const auto& f = result.folders[i];
            db::AlbumFolderRecord r;
            r.rank = static_cast<int>(i);
            r.username = f.username;
            r.directory = f.directory;
            r.accepted = f.accepted;
            r.score = f.score;
            r.format = f.format;
            r.matchedTracks = f.matchedTracks;
            r.missingTracks = f.missingTracks;
            r.audioFiles = f.audioFiles;
            r.reasons = f.reasons;
            r.hasFreeSlot = f.hasFreeUploadSlot;
            r.queueLength = f.queueLength;
            r.uploadSpeed = f.uploadSpeed;
            for (const auto& folder : folders)
                if (folder.username == f.username && folder.directory == f.directory)
                    r.browsed = folder.browsed;
            for (const auto& p : f.picks)
                if (p)
                    r.picks.push_back({static_cast<int>(p->wantedIndex), p->filename, p->size, p->format, p->bitRate,
                                       p->bitDepth, p->sampleRate, p->length, p->confidence});
            out.push_back(std::move(r));
        }
        return out;
    }

    struct AlbumRoad::Scoring
    {
        matching::WantedAlbum wanted;
        matching::QualityProfile profile;
        std::unique_ptr<SnapshotPeerHistory> history;
        matching::AlbumMatchOptions options;
        std::vector<matching::AlbumFolder> folders;
        matching::AlbumMatchResult result;
        std::int64_t albumId{0};

        void rescore(const matching::AlbumScorer& scorer)
        {
            result = scorer.score(wanted, folders, profile, *history, options);
        }
    };

    AlbumRoad::AlbumRoad(db::Database& db, DownloadRoad& road, std::shared_ptr<SearchScheduler> scheduler,
                         ProfileResolver profiles)
        : db_(db), road_(road), albums_(db), cache_(db), scheduler_(std::move(scheduler)), profiles_(std::move(profiles))
    {
    }

    std::optional<std::int64_t> AlbumRoad::claimNext()
    {
        const auto now = road_.nowIso();
        if (auto revived = albums_.reviveNotFound(now); !revived)
            kLog.error("could not revive NOT_FOUND albums", {{"error", revived.error().message}});
        auto id = albums_.claimNext(road_.policy().instanceId, now, road_.leaseUntil());
        if (!id)
        {
            kLog.error("could not claim an album", {{"error", id.error().message}});
            return std::nullopt;
        }
        return *id;
    }

    void AlbumRoad::backToQueue(db::AlbumRecord album, std::chrono::milliseconds delay, R reason, const std::string& why)
    {
        album.status = S::Queued;
        album.nextAttemptAt = road_.isoIn(delay);
        album.waitingFor = reason == R::WaitForSlskd ? std::optional<std::string>(why) : std::nullopt;
        kLog.info("album waits: " + why, {{"album_id", album.id}, {"retry_in_ms", std::int64_t{delay.count()}}});
        if (auto r = albums_.save(album, S::Searching, reason, why); !r)
            kLog.error("could not save the album; the watchdog will pick it up", {{"album_id", album.id}, {"error", r.error().message}});
    }

    core::Result<std::vector<matching::SearchResponse>> AlbumRoad::search(db::AlbumRecord& album, const std::string& query,
                                                                         std::stop_token stop)
    {
        const auto& policy = road_.policy();
        const auto notBefore = core::toIso8601(road_.clock().now() - policy.searchCacheTtl);
        if (album.searchRetries == 0)
            if (auto cached = cache_.get(query, notBefore); cached && *cached)
                if (auto parsed = responsesFromJson((*cached)->responsesJson))
                    return parsed;
        if (!scheduler_->acquire(stop))
            return core::fail(core::Error::unavailable("shutting down"));
        album.searchQuery = query;
        if (auto saved = albums_.save(album, S::Searching, R::Saved); !saved || !*saved)
            return core::fail(core::Error::conflict("album changed while searching"));
        return runSlskdSearch({road_.slskd(), *scheduler_, cache_, policy}, core::newUuid(), query, "album_id", album.id);
    }

    core::Result<void> AlbumRoad::browseAndRescore(Scoring& s)
    {
        int browsed = 0;
        std::set<std::pair<std::string, std::string>> done;
        for (const auto& scored : s.result.folders)
        {
            if (browsed >= kMaxBrowsesPerRound)
                break;
            if (!scored.needsBrowse || !done.insert({scored.username, scored.directory}).second)
                continue;
            auto folder = std::find_if(s.folders.begin(), s.folders.end(), [&](const matching::AlbumFolder& f) {
                return f.username == scored.username && f.directory == scored.directory;
            });
            if (folder == s.folders.end() || folder->browsed)
                continue;
            // The album folder itself and every disc subfolder the search showed.
            std::set<std::string> directories{folder->directory};
            for (const auto& f : folder->files)
                directories.insert(parentOf(f.filename));
            std::vector<matching::SearchFile> files;
            std::set<std::string> seen;
            bool answered = false;
            for (const auto& dir : directories)
            {
                auto listing = road_.slskd().browseDirectory(folder->username, dir);
                if (!listing)
                {
                    if (core::meansWait(listing.error()))
                        return core::fail(listing.error());
                    kLog.info("could not browse a folder", {{"album_id", s.albumId},
                                                            {"username", folder->username},
                                                            {"directory", dir},
                                                            {"error", listing.error().message}});
                    continue;
                }
                answered = true;
                for (const auto& d : *listing)
                    for (const auto& f : d.files)
                        if (seen.insert(f.filename).second)
                            files.push_back(toFile(f, false));
            }
            ++browsed;
            if (!answered)
                continue;
            // Files the search showed stay, whatever the browse says (a peer may answer a browse partly).
            for (const auto& f : folder->files)
                if (seen.insert(f.filename).second)
                    files.push_back(f);
            folder->files = std::move(files);
            folder->browsed = true;
        }
        if (browsed > 0)
            s.rescore(scorer_);
        return {};
    }

    void AlbumRoad::acquire(std::int64_t albumId, std::stop_token stop)
    {
        AlbumHold hold(liveMutex_, live_, albumId);
        auto found = albums_.find(albumId);
        auto tracks = albums_.tracks(albumId);
        if (!found || !*found || !tracks)
        {
            kLog.error("could not load the claimed album; the watchdog will put it back", {{"album_id", albumId}});
            return;
        }
        auto album = std::move(**found);
        if (album.status != S::Searching)
            return;

        Scoring s;
        s.albumId = album.id;
        s.wanted = toWantedAlbum(album, *tracks);
        for (std::size_t i = 0; i < tracks->size(); ++i)
        {
            const auto& t = (*tracks)[i];
            if (t.owned && !album.replaceOwned)
                continue; // owned tracks are never fetched again
            s.options.onlyTracks.push_back(i);
        }
        if (s.options.onlyTracks.empty())
        {
            album.status = S::Imported;
            album.completedAt = road_.nowIso();
            album.waitingFor.reset();
            if (auto r = albums_.save(album, S::Searching, R::AlreadyOwned, "every track is in the library"); !r)
                kLog.error("could not save the album", {{"album_id", album.id}, {"error", r.error().message}});
            return;
        }
        s.options.allowPartial = album.policy == db::IncompletePolicy::KeepPartial && album.searchRetries > 0;
        s.profile = profiles_(album.qualityProfile);
        auto snapshot = road_.peers().snapshot(road_.nowIso());
        s.history = std::make_unique<SnapshotPeerHistory>(snapshot ? std::move(*snapshot) : db::PeerSnapshot{});

        matching::WantedTrack asQuery;
        asQuery.title = album.title;
        asQuery.artists = s.wanted.artists;
        std::vector<matching::SearchResponse> all;
        std::set<std::pair<std::string, std::string>> seen;
        int completed = 0;
        for (const auto& query : matching::buildSearchQueries(asQuery))
        {
            if (stop.stop_requested())
                break;
            auto responses = search(album, query, stop);
            if (!responses)
            {
                const auto& e = responses.error();
                if (e.code == core::ErrorCode::Conflict)
                    return; // cancelled meanwhile
                if (e.code == core::ErrorCode::InvalidArgument)
                    continue;
                backToQueue(album, road_.slskdRetryAfter(&e), stop.stop_requested() ? R::Interrupted : R::WaitForSlskd,
                            stop.stop_requested() ? std::string("shutdown") : "slskd unreachable: " + e.message);
                return;
            }
            ++completed;
            for (auto& r : *responses)
            {
                matching::SearchResponse merged = r;
                merged.files.clear();
                for (auto& f : r.files)
                    if (seen.insert({r.username, f.filename}).second)
                        merged.files.push_back(f);
                all.push_back(std::move(merged));
            }
            s.folders = matching::groupIntoFolders(all);
            s.rescore(scorer_);
            if (auto b = browseAndRescore(s); !b)
            {
                backToQueue(album, road_.slskdRetryAfter(&b.error()), R::WaitForSlskd,
                            "slskd unreachable while browsing: " + b.error().message);
                return;
            }
            if (s.result.chosen)
                break;
        }
        if (stop.stop_requested() && !s.result.chosen)
        {
            backToQueue(album, std::chrono::milliseconds(0), R::Interrupted, "shutdown");
            return;
        }
        auto records = toFolderRecords(s.result, s.folders);
        if (auto r = albums_.replaceFolders(album.id, records); !r)
            kLog.error("could not store the scored folders", {{"album_id", album.id}, {"error", r.error().message}});
        if (!s.result.chosen)
        {
            if (completed == 0)
            {
                backToQueue(album, road_.slskdRetryAfter(), R::WaitForSlskd, "no search could be run");
                return;
            }
            album.status = S::NotFound;
            album.errorCode = "no_match";
            album.errorMessage = s.result.folders.empty()
                                     ? "no folder came back for the album"
                                     : "no folder is this release (" + std::to_string(s.result.folders.size()) +
                                           " scored; best: " +
                                           (s.result.folders.front().reasons.empty() ? std::string("rejected")
                                                                                     : s.result.folders.front().reasons.front()) +
                                           ")";
            album.nextAttemptAt = road_.isoIn(road_.policy().notFoundRetry);
            album.waitingFor.reset();
            if (auto r = albums_.save(album, S::Searching, R::NoMatch); !r)
                kLog.error("could not save the album", {{"album_id", album.id}, {"error", r.error().message}});
            return;
        }
        enqueueFolder(std::move(album), records, static_cast<int>(*s.result.chosen), s.options.onlyTracks);
    }

    void AlbumRoad::enqueueFolder(db::AlbumRecord album, const std::vector<db::AlbumFolderRecord>& folders, int rank,
                                  const std::vector<std::size_t>& asked)
    {
        const auto chosen = std::find_if(folders.begin(), folders.end(), [&](const auto& f) { return f.rank == rank; });
        if (chosen == folders.end())
            return;
        // Each track: the chosen folder's file first, then the same track in every other accepted folder.
        std::vector<db::AlbumDownloadPlan> plans;
        auto tracks = albums_.tracks(album.id);
        if (!tracks)
        {
            kLog.error("could not load the album's tracks", {{"album_id", album.id}, {"error", tracks.error().message}});
            return;
        }
        for (const auto position : asked)
        {
            if (position >= tracks->size())
                continue;
            db::AlbumDownloadPlan plan;
            plan.position = static_cast<int>(position);
            plan.trackId = (*tracks)[position].track.id;
            auto addFrom = [&](const db::AlbumFolderRecord& f) {
                for (const auto& p : f.picks)
                    if (p.position == plan.position)
                    {
                        db::CandidateRecord c;
                        c.rank = static_cast<int>(plan.candidates.size());
                        c.searchQuery = album.searchQuery.value_or("");
                        c.username = f.username;
                        c.filename = p.filename;
                        c.size = p.size;
                        c.bitrate = p.bitRate;
                        c.bitDepth = p.bitDepth;
                        c.sampleRate = p.sampleRate;
                        c.lengthSeconds = p.length;
                        c.format = p.format;
                        c.score = f.score;
                        c.confidence = p.confidence;
                        c.qualityTier = 0;
                        c.accepted = true;
                        c.reasons = {"track " + std::to_string(plan.position + 1) + " of folder " + f.directory + " (" +
                                     f.username + ", album folder rank " + std::to_string(f.rank) + ")"};
                        c.hasFreeSlot = f.hasFreeSlot;
                        c.queueLength = f.queueLength;
                        c.uploadSpeed = f.uploadSpeed;
                        plan.candidates.push_back(std::move(c));
                    }
            };
            addFrom(*chosen);
            if (plan.candidates.empty())
                continue; // this folder lacks the track (a partial fill)
            for (const auto& f : folders)
                if (f.accepted && f.rank != rank)
                    addFrom(f);
            plans.push_back(std::move(plan));
        }
        auto created = albums_.createDownloads(album.id, plans, album.qualityProfile, road_.policy().instanceId,
                                               road_.leaseUntil());
        if (!created)
        {
            backToQueue(album, std::chrono::seconds(30), R::SearchAgainLater,
                        "could not create the album's downloads: " + created.error().message);
            return;
        }
        album.status = S::Downloading;
        album.chosenFolder = rank;
        album.errorCode.reset();
        album.errorMessage.reset();
        album.waitingFor.reset();
        if (auto r = albums_.save(album, S::Searching, R::Enqueued, "folder " + chosen->directory + " from " + chosen->username);
            !r || !*r)
        {
            kLog.error("could not save the album as downloading", {{"album_id", album.id}});
            return; // its downloads are on the road already; the album is settled by the watchdog's requeue
        }
        // One slskd request per remote folder (an album with CD1/CD2 subfolders is one per disc).
        std::map<std::string, std::vector<DownloadRoad::PlannedTransfer>> groups;
        for (const auto& c : *created)
        {
            if (!c.created)
                continue; // the track's own download was already on the road: it now serves the album
            auto d = road_.downloads().get(c.downloadId);
            if (!d || !*d)
                continue;
            auto candidates = road_.downloads().candidates(c.downloadId);
            if (!candidates || candidates->empty())
                continue;
            const auto& first = candidates->front();
            groups[parentOf(first.filename)].push_back({std::move(**d), first});
        }
        for (auto& [dir, planned] : groups)
        {
            const auto destination = albumDestinationFolder(album.id, chosen->username, planned.front().candidate.filename);
            for (const auto& p : planned)
                road_.holdLive(p.download.id);
            std::vector<std::int64_t> ids;
            for (const auto& p : planned)
                ids.push_back(p.download.id);
            road_.startTransfers(std::move(planned), S::Searching, destination);
            for (const auto id : ids)
                road_.releaseLive(id);
        }
        kLog.info("album enqueued", {{"album_id", album.id},
                                     {"username", chosen->username},
                                     {"directory", chosen->directory},
                                     {"tracks", std::int64_t(plans.size())}});
    }

    void AlbumRoad::settle()
    {
        auto downloading = albums_.downloading();
        if (!downloading)
        {
            kLog.error("could not list downloading albums", {{"error", downloading.error().message}});
            return;
        }
        for (auto& album : *downloading)
        {
            auto tracks = albums_.tracks(album.id);
            if (!tracks)
                continue;
            int owned = 0;
            bool active = false;
            for (const auto& t : *tracks)
            {
                owned += t.owned ? 1 : 0;
                active = active || (t.downloadStatus && isActive(*t.downloadStatus));
            }
            if (active)
                continue;
            const int total = static_cast<int>(tracks->size());
            if (owned == total)
            {
                album.status = S::Imported;
                album.completedAt = road_.nowIso();
                if (auto r = albums_.save(album, S::Downloading, R::Imported, "every track is in the library"); !r)
                    kLog.error("could not save the album", {{"album_id", album.id}, {"error", r.error().message}});
                continue;
            }
            const auto missing = "missing " + std::to_string(total - owned) + " of " + std::to_string(total) + " tracks";
            album.errorCode = "incomplete";
            album.errorMessage = missing;
            R reason = R::PartialKept;
            switch (album.policy)
            {
            case db::IncompletePolicy::KeepPartial:
                album.status = S::Completed;
                album.completedAt = road_.nowIso();
                break;
            case db::IncompletePolicy::Discard:
                album.status = S::Failed;
                album.completedAt = road_.nowIso();
                reason = R::Discarded;
                break;
            case db::IncompletePolicy::WaitAndRetry:
                album.searchRetries += 1;
                if (album.searchRetries <= road_.policy().maxSearchRetries)
                {
                    const auto& backoff = road_.policy().retryBackoff;
                    const auto idx = std::min<std::size_t>(static_cast<std::size_t>(album.searchRetries - 1),
                                                           backoff.empty() ? 0 : backoff.size() - 1);
                    album.status = S::Queued;
                    album.nextAttemptAt = road_.isoIn(backoff.empty() ? std::chrono::seconds(60) : backoff[idx]);
                    reason = R::SearchAgainLater;
                }
                else
                {
                    album.status = S::Failed;
                    album.completedAt = road_.nowIso();
                    reason = R::RetriesExhausted;
                }
                break;
            }
            if (auto r = albums_.save(album, S::Downloading, reason, missing); !r)
                kLog.error("could not save the album", {{"album_id", album.id}, {"error", r.error().message}});
            else
                kLog.info("album settled incomplete", {{"album_id", album.id},
                                                       {"status", std::string(core::toString(album.status))},
                                                       {"missing", std::int64_t{total - owned}}});
        }
    }

    void AlbumRoad::watchdog(bool startup)
    {
        std::vector<std::int64_t> live;
        {
            std::lock_guard lock(liveMutex_);
            live.assign(live_.begin(), live_.end());
        }
        const auto& instance = road_.policy().instanceId;
        if (auto r = albums_.renewLeases(instance, live, road_.leaseUntil()); !r)
            kLog.error("could not renew album leases", {{"error", r.error().message}});
        auto moved = albums_.requeueStranded(instance, road_.nowIso(), startup);
        if (!moved)
            kLog.error("could not requeue stranded albums", {{"error", moved.error().message}});
        else if (*moved > 0)
            kLog.warning("albums with no live owner went back to the queue", {{"count", *moved}});
    }

    core::Result<void> AlbumRoad::chooseFolder(std::int64_t albumId, int rank)
    {
        auto folders = albums_.folders(albumId);
        if (!folders)
            return core::fail(folders.error());
        const auto chosen = std::find_if(folders->begin(), folders->end(), [&](const auto& f) { return f.rank == rank; });
        if (chosen == folders->end())
            return core::fail(core::Error::notFound("the album has no folder " + std::to_string(rank)));
        if (chosen->picks.empty())
            return core::fail(core::Error::invalid("folder " + std::to_string(rank) + " offers no file of this album"));
        auto moved = albums_.move(albumId, {S::NotFound, S::Failed, S::Cancelled, S::Completed, S::Downloading}, S::Searching,
                                  R::UserPicked, "the user picked folder " + std::to_string(rank), road_.policy().instanceId,
                                  road_.leaseUntil());
        if (!moved)
            return core::fail(moved.error());
        if (!*moved)
            return core::fail(core::Error::conflict("the album cannot take another folder in its current status"));
        AlbumHold hold(liveMutex_, live_, albumId);
        auto album = albums_.find(albumId);
        auto tracks = albums_.tracks(albumId);
        if (!album || !*album || !tracks)
            return core::fail(core::Error::io("could not load the album"));
        std::vector<std::size_t> asked;
        for (std::size_t i = 0; i < tracks->size(); ++i)
        {
            const auto& t = (*tracks)[i];
            if (t.owned && !(*album)->replaceOwned)
                continue;
            asked.push_back(i);
        }
        // Downloads of this album still on the road for another folder's files make way.
        for (const auto& t : *tracks)
            if (t.downloadId && t.downloadStatus && isActive(*t.downloadStatus))
            {
                auto d = road_.downloads().get(*t.downloadId);
                if (d && *d && (*d)->albumId == albumId)
                {
                    auto m = road_.states().move(*t.downloadId, {S::Queued, S::Searching, S::Downloading, S::Verifying},
                                                 S::Cancelled, R::UserCancelled, std::string("superseded"),
                                                 std::string("the user picked another folder for the album"));
                    if (m && *m)
                        road_.cancelAtSlskd(**d, "another folder picked");
                }
            }
        (*album)->chosenFolder = rank;
        enqueueFolder(std::move(**album), *folders, rank, asked);
        return {};
    }
} // namespace soulspot::jobs
