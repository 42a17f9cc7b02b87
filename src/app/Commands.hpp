#pragma once
// Subcommand bodies; main.cpp only parses arguments (CLI11 is costly to compile, so it stays there).
// Each returns the process exit code: 0 success, 1 runtime failure, 2 bad usage or bad configuration
// (for `serve`: anything that stops start-up, e.g. a database that cannot be opened or the port in use).

#include <string>

#include "app/Config.hpp"

namespace soulspot::app
{
    inline constexpr int kExitOk = 0;
    inline constexpr int kExitFailure = 1;
    inline constexpr int kExitUsage = 2;

    int runServe(const Config& config);
    int runDbCurrent(const Config& config);
    int runDbUpgrade(const Config& config, const std::string& revision);
    int runDbDowngrade(const Config& config, const std::string& revision);
    int runDbBackup(const Config& config, const std::string& file);
    int runDbRestore(const Config& config, const std::string& file);
    /// `soulspot import FILE`: 0 when the file was read (bad rows listed), 2 when unreadable/empty/unknown format.
    int runImport(const Config& config, const std::string& file, bool autoDownload, const std::string& name);
    /// `soulspot scan [PATH]`: index PATH (default STORAGE_MUSIC_PATH); exit 2 when it is not a folder.
    int runScan(const Config& config, const std::string& path);
    /// `soulspot import-files PATH`: verify, tag, name and move loose audio files into the library.
    int runImportFiles(const Config& config, const std::string& path);
} // namespace soulspot::app
