#include "jobs/DownloadChangeFeed.hpp"

#include <nlohmann/json.hpp>

#include "core/Log.hpp"

namespace soulspot::jobs
{
    namespace
    {
        nlohmann::json optText(const std::optional<std::string>& s) { return s ? nlohmann::json(*s) : nlohmann::json(nullptr); }
    } // namespace

    DownloadChangeFeed::DownloadChangeFeed(db::Database& db, std::shared_ptr<core::EventBus> bus,
                                           std::shared_ptr<core::IClock> clock, ChangeFeedSettings settings)
        : db_(db), downloads_(db), bus_(std::move(bus)), clock_(std::move(clock)), settings_(settings)
    {
    }

    DownloadChangeFeed::~DownloadChangeFeed() { stop(); }

    void DownloadChangeFeed::start()
    {
        if (thread_.joinable())
            return;
        stop_ = false;
        thread_ = std::thread([this] {
            std::unique_lock lock(mutex_);
            while (!cv_.wait_for(lock, settings_.interval, [this] { return stop_; }))
            {
                lock.unlock();
                try
                {
                    tick();
                }
                catch (const std::exception& e)
                {
                    core::Logger("jobs.events").error("change feed pass failed", {{"error", std::string(e.what())}});
                }
                lock.lock();
            }
        });
    }

    void DownloadChangeFeed::stop()
    {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        cv_.notify_all();
        if (thread_.joinable())
            thread_.join();
    }

    void DownloadChangeFeed::tick()
    {
        const std::string cutoff = core::toIso8601(clock_->now() - settings_.lookback);
        auto rs = db_.execute("SELECT id, updated_at FROM downloads WHERE updated_at >= $1 ORDER BY updated_at, id LIMIT $2",
                              {cutoff, static_cast<std::int64_t>(settings_.burstLimit * 5)});
        if (!rs)
            return;
        std::vector<std::int64_t> changed;
        for (const auto& row : rs->rows)
        {
            const auto id = row.getInt(0);
            const auto updatedAt = row.getString(1);
            auto it = published_.find(id);
            if (it != published_.end() && it->second >= updatedAt)
                continue;
            published_[id] = updatedAt;
            changed.push_back(id);
        }
        std::erase_if(published_, [&](const auto& entry) { return entry.second < cutoff; });
        if (changed.size() > settings_.burstLimit)
        {
            bus_->publish("downloads_changed", nlohmann::json{{"count", changed.size()}}.dump());
            return;
        }
        for (const auto id : changed)
            if (auto d = downloads_.get(id); d && *d)
                publish(**d);
        albumTick(cutoff);
    }

    void DownloadChangeFeed::albumTick(const std::string& cutoff)
    {
        // Albums change far less often than downloads: one small query per tick, one "album" event each.
        auto rs = db_.execute("SELECT id, updated_at, status, title, artist_name, error_code, error_message FROM albums "
                              "WHERE status IS NOT NULL AND updated_at >= $1 ORDER BY updated_at, id LIMIT $2",
                              {cutoff, static_cast<std::int64_t>(settings_.burstLimit)});
        if (!rs)
            return;
        for (const auto& row : rs->rows)
        {
            const auto id = row.getInt(0);
            const auto updatedAt = row.getString(1);
            auto it = publishedAlbums_.find(id);
            if (it != publishedAlbums_.end() && it->second >= updatedAt)
                continue;
            publishedAlbums_[id] = updatedAt;
            nlohmann::json error = nullptr;
            if (row.getOptString(5) || row.getOptString(6))
                error = {{"code", row.getOptString(5).value_or("error")}, {"message", row.getOptString(6).value_or("")}};
            const nlohmann::json body = {{"id", id},          {"status", row.getString(2)}, {"title", row.getString(3)},
                                         {"artist", row.getString(4)}, {"error", error},  {"updated_at", updatedAt}};
            bus_->publish("album", body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        }
        std::erase_if(publishedAlbums_, [&](const auto& entry) { return entry.second < cutoff; });
    }

    void DownloadChangeFeed::publish(const db::DownloadRecord& d)
    {
        const auto now = std::chrono::steady_clock::now();
        double speed = 0;
        if (d.status == core::DownloadStatus::Downloading)
        {
            auto& rate = rates_[d.id];
            if (rate.at != std::chrono::steady_clock::time_point{} && d.bytesTransferred >= rate.bytes)
            {
                const double seconds = std::chrono::duration<double>(now - rate.at).count();
                if (seconds > 0.05)
                {
                    const double sample = static_cast<double>(d.bytesTransferred - rate.bytes) / seconds;
                    // Smoothed, so the ETA does not jump with every poll of slskd.
                    rate.bytesPerSecond = rate.bytesPerSecond == 0 ? sample : 0.6 * rate.bytesPerSecond + 0.4 * sample;
                }
            }
            rate.bytes = d.bytesTransferred;
            rate.at = now;
            speed = rate.bytesPerSecond;
        }
        else
            rates_.erase(d.id);

        nlohmann::json eta = nullptr;
        if (speed > 0 && d.size && *d.size > d.bytesTransferred)
            eta = static_cast<std::int64_t>(static_cast<double>(*d.size - d.bytesTransferred) / speed + 0.5);
        nlohmann::json error = nullptr;
        if (d.errorCode || d.errorMessage)
            error = {{"code", d.errorCode.value_or("error")}, {"message", d.errorMessage.value_or("")}};
        const nlohmann::json body = {{"id", d.id},
                                     {"status", core::toString(d.status)},
                                     {"priority", d.priority},
                                     {"progress_percent", d.progressPercent},
                                     {"bytes_transferred", d.bytesTransferred},
                                     {"size", d.size ? nlohmann::json(*d.size) : nlohmann::json(nullptr)},
                                     {"bytes_per_second", static_cast<std::int64_t>(speed)},
                                     {"eta_seconds", eta},
                                     {"track", {{"id", d.track.id}, {"artist", d.track.artistDisplay()}, {"title", d.track.title},
                                                {"album", d.track.album}}},
                                     {"username", optText(d.username)},
                                     {"filename", optText(d.filename)},
                                     {"error", error},
                                     {"updated_at", d.updatedAt}};
        bus_->publish("download", body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
} // namespace soulspot::jobs
