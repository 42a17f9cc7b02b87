#pragma once
// Prometheus text exposition, by hand (prometheus-cpp is not in Debian): request counters by route and
// status, a latency histogram, and gauges that other rooms contribute through providers.

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace soulspot::http
{
    struct GaugeSample
    {
        std::string labels; // already formatted, e.g. service="slskd"
        double value;
    };

    class Metrics
    {
    public:
        void observeRequest(const std::string& method, const std::string& route, int status, double seconds);
        /// A gauge whose samples are read at scrape time (breaker states, queue depth by status, RSS…).
        void addGauge(std::string name, std::string help, std::function<std::vector<GaugeSample>()> provider);
        std::string render() const;

    private:
        struct Histogram
        {
            std::vector<std::uint64_t> buckets;
            std::uint64_t count{0};
            double sum{0};
        };
        struct Gauge
        {
            std::string name, help;
            std::function<std::vector<GaugeSample>()> provider;
        };
        mutable std::mutex mutex_;
        std::map<std::string, std::uint64_t> requests_; // labels → count
        std::map<std::string, Histogram> latency_;      // labels → histogram
        std::vector<Gauge> gauges_;
    };

    /// Resident set size of this process in bytes (from /proc/self/statm).
    double processRssBytes();
    /// Escapes a label value for the exposition format.
    std::string promLabel(const std::string& value);
} // namespace soulspot::http
