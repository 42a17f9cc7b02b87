#include "http/Metrics.hpp"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <string_view>

#include <fmt/format.h>

namespace soulspot::http
{
    namespace
    {
        constexpr std::array<double, 11> kBuckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

        // Any token parses as an HTTP method, so the label is the client's choice: methods outside this list
        // share one series, or every new "FOO" request would add series to memory and /metrics for good.
        std::string methodLabel(const std::string& method)
        {
            static constexpr std::array<std::string_view, 7> kKnown{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
                                                                    "OPTIONS"};
            for (const auto known : kKnown)
                if (method == known)
                    return method;
            return "OTHER";
        }
    }

    std::string promLabel(const std::string& value)
    {
        std::string out;
        for (char c : value)
        {
            if (c == '\\' || c == '"')
                out.push_back('\\');
            if (c == '\n')
            {
                out += "\\n";
                continue;
            }
            out.push_back(c);
        }
        return out;
    }

    double processRssBytes()
    {
        long pages = 0, resident = 0;
        if (FILE* f = std::fopen("/proc/self/statm", "r"))
        {
            if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
                resident = 0;
            std::fclose(f);
        }
        return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
    }

    void Metrics::observeRequest(const std::string& method, const std::string& route, int status, double seconds)
    {
        const std::string base = "method=\"" + methodLabel(method) + "\",route=\"" + promLabel(route) + "\"";
        std::lock_guard lock(mutex_);
        ++requests_[base + ",status=\"" + std::to_string(status) + "\""];
        Histogram& h = latency_[base];
        if (h.buckets.empty())
            h.buckets.assign(kBuckets.size(), 0);
        for (std::size_t i = 0; i < kBuckets.size(); ++i)
            if (seconds <= kBuckets[i])
                ++h.buckets[i];
        ++h.count;
        h.sum += seconds;
    }

    void Metrics::addGauge(std::string name, std::string help, std::function<std::vector<GaugeSample>()> provider)
    {
        std::lock_guard lock(mutex_);
        gauges_.push_back({std::move(name), std::move(help), std::move(provider)});
    }

    std::string Metrics::render() const
    {
        std::string out;
        std::vector<Gauge> gauges;
        {
            std::lock_guard lock(mutex_);
            out += "# HELP soulspot_http_requests_total HTTP requests by route and status.\n"
                   "# TYPE soulspot_http_requests_total counter\n";
            for (const auto& [labels, count] : requests_)
                out += fmt::format("soulspot_http_requests_total{{{}}} {}\n", labels, count);
            out += "# HELP soulspot_http_request_duration_seconds HTTP request latency.\n"
                   "# TYPE soulspot_http_request_duration_seconds histogram\n";
            for (const auto& [labels, h] : latency_)
            {
                for (std::size_t i = 0; i < kBuckets.size(); ++i)
                    out += fmt::format("soulspot_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                                       kBuckets[i], h.buckets[i]);
                out += fmt::format("soulspot_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, h.count);
                out += fmt::format("soulspot_http_request_duration_seconds_sum{{{}}} {}\n", labels, h.sum);
                out += fmt::format("soulspot_http_request_duration_seconds_count{{{}}} {}\n", labels, h.count);
            }
            gauges = gauges_;
        }
        // Providers may query the database; call them outside the lock.
        for (const auto& g : gauges)
        {
            out += "# HELP " + g.name + " " + g.help + "\n# TYPE " + g.name + " gauge\n";
            for (const auto& s : g.provider())
                out += s.labels.empty() ? fmt::format("{} {}\n", g.name, s.value)
                                        : fmt::format("{}{{{}}} {}\n", g.name, s.labels, s.value);
        }
        out += "# HELP soulspot_process_resident_memory_bytes Resident set size.\n"
               "# TYPE soulspot_process_resident_memory_bytes gauge\n";
        out += fmt::format("soulspot_process_resident_memory_bytes {}\n", processRssBytes());
        return out;
    }
} // namespace soulspot::http
