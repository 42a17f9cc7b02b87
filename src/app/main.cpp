// The one binary: `soulspot [serve|db|config|version|match|…]`. Parses arguments, loads configuration,
// and hands over to a command. Wrong usage prints a message and exits 2.
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/Commands.hpp"
#include "app/Config.hpp"
#include "core/Log.hpp"
#include "core/Version.hpp"
#include "matching/MatchCommand.hpp"

namespace
{
    using namespace soulspot;

    // Loads configuration or prints one line naming the bad variable.
    std::optional<app::Config> loadOrReport()
    {
        auto config = app::loadConfig(app::processEnvironment());
        if (!config)
        {
            std::cerr << "configuration error: " << config.error().message << "\n";
            return std::nullopt;
        }
        core::configureLogging(config->logLevel, config->logFormat);
        return std::move(*config);
    }
} // namespace

int main(int argc, char** argv)
{
    CLI::App cli{"SoulSpot: Spotify wanted lists → Soulseek (slskd) → your tagged music library", "soulspot"};
    cli.require_subcommand(0, 1);

    auto* serve = cli.add_subcommand("serve", "Run the web UI, API and download workers (default)");
    auto* version = cli.add_subcommand("version", "Print the version");
    auto* config = cli.add_subcommand("config", "Print the effective configuration, secrets masked");
    bool markdown = false;
    config->add_flag("--markdown", markdown, "Print the configuration reference as Markdown");
    auto* match = cli.add_subcommand("match", "Score slskd search responses for wanted tracks (JSON Lines on stdin)");
    bool matchAlbum = false;
    match->add_flag("--album", matchAlbum, "Each line holds a wanted album: score remote folders, not files");

    auto* dbCmd = cli.add_subcommand("db", "Database migrations, backup and restore");
    dbCmd->require_subcommand(1);
    auto* dbCurrent = dbCmd->add_subcommand("current", "Print the schema revision");
    std::string upgradeRev = "head";
    auto* dbUpgrade = dbCmd->add_subcommand("upgrade", "Migrate up (to head by default)");
    dbUpgrade->add_option("revision", upgradeRev, "head, a revision number, or +N");
    std::string downgradeRev = "-1";
    auto* dbDowngrade = dbCmd->add_subcommand("downgrade", "Migrate down (one step by default)");
    dbDowngrade->add_option("revision", downgradeRev, "-N, a revision number, or base");
    std::string backupFile, restoreFile;
    auto* dbBackup = dbCmd->add_subcommand("backup", "Copy the live SQLite database consistently");
    dbBackup->add_option("file", backupFile, "Target file")->required();
    auto* dbRestore = dbCmd->add_subcommand("restore", "Replace the SQLite database from a backup (server stopped)");
    dbRestore->add_option("file", restoreFile, "Backup file")->required();

    std::string scanPath, importPath;
    auto* scan = cli.add_subcommand("scan", "Index the music folder (or PATH) with TagLib, incrementally");
    scan->add_option("path", scanPath, "Folder to index (default STORAGE_MUSIC_PATH)");
    auto* importFiles = cli.add_subcommand("import-files", "Verify, tag, name and move loose audio files into the library");
    importFiles->add_option("path", importPath, "An audio file or a folder of them")->required();

    std::string wantedFile, wantedName;
    bool wantedAutoDownload = false;
    auto* importList = cli.add_subcommand("import", "Import a wanted list: Exportify CSV, M3U/M3U8 or 'Artist - Title' lines");
    importList->add_option("file", wantedFile, "The file to import")->required();
    importList->add_flag("--auto-download", wantedAutoDownload, "Queue a download for every missing track");
    importList->add_option("--name", wantedName, "Playlist name (default: the file name)");

    // Options like "-1" must reach `db downgrade` as a positional value, not as an unknown flag.
    dbDowngrade->allow_extras(false);
    dbDowngrade->positionals_at_end(false);

    try
    {
        cli.parse(argc, argv);
    }
    catch (const CLI::CallForHelp& e)
    {
        return cli.exit(e);
    }
    catch (const CLI::CallForAllHelp& e)
    {
        return cli.exit(e);
    }
    catch (const CLI::ParseError& e)
    {
        std::cerr << "error: " << e.what() << "\n" << "run 'soulspot --help' for usage\n";
        return app::kExitUsage;
    }

    if (version->parsed())
    {
        std::cout << "soulspot " << core::kVersion << "\n";
        return app::kExitOk;
    }
    if (match->parsed())
        return matchAlbum ? matching::runAlbumMatchCommand(std::cin, std::cout)
                          : matching::runMatchCommand(std::cin, std::cout);
    if (config->parsed() && markdown)
    {
        std::cout << app::renderConfigMarkdown();
        return app::kExitOk;
    }

    auto cfg = loadOrReport();
    if (!cfg)
        return app::kExitUsage;
    if (config->parsed())
    {
        std::cout << app::renderConfig(*cfg);
        return app::kExitOk;
    }
    if (dbCurrent->parsed())
        return app::runDbCurrent(*cfg);
    if (dbUpgrade->parsed())
        return app::runDbUpgrade(*cfg, upgradeRev);
    if (dbDowngrade->parsed())
        return app::runDbDowngrade(*cfg, downgradeRev);
    if (dbBackup->parsed())
        return app::runDbBackup(*cfg, backupFile);
    if (scan->parsed())
        return app::runScan(*cfg, scanPath);
    if (importFiles->parsed())
        return app::runImportFiles(*cfg, importPath);
    if (dbRestore->parsed())
        return app::runDbRestore(*cfg, restoreFile);
    if (importList->parsed())
        return app::runImport(*cfg, wantedFile, wantedAutoDownload, wantedName);
    (void)serve;
    return app::runServe(*cfg);
}
