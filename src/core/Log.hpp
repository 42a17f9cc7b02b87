#pragma once
// Structured logging: one JSON object per line on stdout (or a readable text line), with the current
// correlation id attached automatically. Every room logs through this; app/ configures it at start-up.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace soulspot::core
{
    enum class LogLevel { Debug = 0, Info = 1, Warning = 2, Error = 3 };
    enum class LogFormat { Json, Text };

    using LogValue = std::variant<std::string, std::int64_t, double, bool>;
    using LogField = std::pair<std::string, LogValue>;
    using LogFields = std::vector<LogField>;

    std::string_view toString(LogLevel level);
    bool parseLogLevel(std::string_view text, LogLevel& out);

    /// Process-wide settings; set once by app/ before threads start, read everywhere.
    void configureLogging(LogLevel minLevel, LogFormat format);
    bool logEnabled(LogLevel level);

    /// Writes one line atomically. `logger` names the room or component ("http.access", "jobs.download").
    void logLine(LogLevel level, std::string_view logger, std::string_view message, const LogFields& fields = {});

    /// A named logger: cheap to copy, no state besides its name.
    class Logger
    {
    public:
        explicit Logger(std::string name) : name_(std::move(name)) {}
        void debug(std::string_view msg, const LogFields& f = {}) const { log(LogLevel::Debug, msg, f); }
        void info(std::string_view msg, const LogFields& f = {}) const { log(LogLevel::Info, msg, f); }
        void warning(std::string_view msg, const LogFields& f = {}) const { log(LogLevel::Warning, msg, f); }
        void error(std::string_view msg, const LogFields& f = {}) const { log(LogLevel::Error, msg, f); }
        void log(LogLevel level, std::string_view msg, const LogFields& f) const
        {
            if (logEnabled(level))
                logLine(level, name_, msg, f);
        }

    private:
        std::string name_;
    };

    /// Redirects output (tests); nullptr restores stdout. The sink receives complete lines without '\n'.
    using LogSink = void (*)(std::string_view line, void* ctx);
    void setLogSink(LogSink sink, void* ctx);
} // namespace soulspot::core
