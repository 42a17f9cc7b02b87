#include "core/Log.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>

#include <fmt/format.h>

#include "core/Clock.hpp"
#include "core/CorrelationId.hpp"

namespace soulspot::core
{
    namespace
    {
        std::atomic<int> gMinLevel{static_cast<int>(LogLevel::Info)};
        std::atomic<LogFormat> gFormat{LogFormat::Json};
        std::mutex gWriteMutex;
        LogSink gSink = nullptr;
        void* gSinkCtx = nullptr;

        // JSON string escaping by hand: keeps nlohmann out of this widely used file.
        void appendJsonString(std::string& out, std::string_view s)
        {
            out.push_back('"');
            for (unsigned char c : s)
            {
                switch (c)
                {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default:
                    if (c < 0x20)
                        out += fmt::format("\\u{:04x}", c);
                    else
                        out.push_back(static_cast<char>(c));
                }
            }
            out.push_back('"');
        }

        void appendValue(std::string& out, const LogValue& v, bool json)
        {
            if (const auto* s = std::get_if<std::string>(&v))
            {
                if (json)
                    appendJsonString(out, *s);
                else
                    out += *s;
            }
            else if (const auto* i = std::get_if<std::int64_t>(&v))
                out += std::to_string(*i);
            else if (const auto* d = std::get_if<double>(&v))
                out += fmt::format("{}", *d);
            else
                out += std::get<bool>(v) ? "true" : "false";
        }

        void emit(const std::string& line)
        {
            std::lock_guard lock(gWriteMutex);
            if (gSink)
            {
                gSink(line, gSinkCtx);
                return;
            }
            std::fwrite(line.data(), 1, line.size(), stdout);
            std::fputc('\n', stdout);
            std::fflush(stdout);
        }
    } // namespace

    std::string_view toString(LogLevel level)
    {
        switch (level)
        {
        case LogLevel::Debug: return "DEBUG";
        case LogLevel::Info: return "INFO";
        case LogLevel::Warning: return "WARNING";
        case LogLevel::Error: return "ERROR";
        }
        return "INFO";
    }

    bool parseLogLevel(std::string_view text, LogLevel& out)
    {
        std::string up;
        for (char c : text)
            up.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c));
        if (up == "DEBUG") out = LogLevel::Debug;
        else if (up == "INFO") out = LogLevel::Info;
        else if (up == "WARNING" || up == "WARN") out = LogLevel::Warning;
        else if (up == "ERROR" || up == "CRITICAL") out = LogLevel::Error;
        else return false;
        return true;
    }

    void configureLogging(LogLevel minLevel, LogFormat format)
    {
        gMinLevel = static_cast<int>(minLevel);
        gFormat = format;
    }

    bool logEnabled(LogLevel level) { return static_cast<int>(level) >= gMinLevel.load(std::memory_order_relaxed); }

    void setLogSink(LogSink sink, void* ctx)
    {
        std::lock_guard lock(gWriteMutex);
        gSink = sink;
        gSinkCtx = ctx;
    }

    void logLine(LogLevel level, std::string_view logger, std::string_view message, const LogFields& fields)
    {
        const auto& cid = currentCorrelationId();
        const std::string ts = toIso8601(std::chrono::system_clock::now());
        std::string line;
        line.reserve(160 + message.size());
        if (gFormat.load(std::memory_order_relaxed) == LogFormat::Json)
        {
            line += "{\"timestamp\":";
            appendJsonString(line, ts);
            line += ",\"level\":";
            appendJsonString(line, toString(level));
            line += ",\"logger\":";
            appendJsonString(line, logger);
            line += ",\"message\":";
            appendJsonString(line, message);
            if (!cid.empty())
            {
                line += ",\"correlation_id\":";
                appendJsonString(line, cid);
            }
            for (const auto& [key, value] : fields)
            {
                line.push_back(',');
                appendJsonString(line, key);
                line.push_back(':');
                appendValue(line, value, true);
            }
            line.push_back('}');
        }
        else
        {
            line += fmt::format("{} {:<7} [{}] {}", ts, toString(level), logger, message);
            if (!cid.empty())
                line += " correlation_id=" + cid;
            for (const auto& [key, value] : fields)
            {
                line += " " + key + "=";
                appendValue(line, value, false);
            }
        }
        emit(line);
    }
} // namespace soulspot::core
