#include <charconv>
#include <limits>
#include <cctype>

#include "sources/playlistfile/TextLines.hpp"
#include "sources/playlistfile/WantedLists.hpp"

namespace soulspot::sources::playlistfile
{
    namespace
    {
        constexpr std::string_view kExtInf = "#EXTINF:";

        // "Music/Artist - Title.mp3" or "C:\Music\Artist - Title.flac" → "Artist - Title"
        std::string_view fileStem(std::string_view path)
        {
            if (const auto slash = path.find_last_of("/\\"); slash != std::string_view::npos)
                path.remove_prefix(slash + 1);
            if (const auto dot = path.rfind('.'); dot != std::string_view::npos && dot > 0 && path.size() - dot <= 5)
                path.remove_suffix(path.size() - dot);
            return path;
        }

        bool addArtistTitle(ImportReport& report, std::string_view text, int line, int durationMs)
        {
            auto parsed = splitArtistTitle(text);
            if (!parsed)
            {
                // The echo is cut: a bad megabyte line must not come back whole in the answer.
                auto shown = trim(text);
                if (shown.size() > 80)
                {
                    std::size_t cut = 80; // on a character boundary, so the message stays UTF-8
                    while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80)
                        --cut;
                    shown = shown.substr(0, cut) + "…";
                }
                report.errors.push_back({line, "expected 'Artist - Title', got '" + shown + "'"});
                return false;
            }
            WantedEntry e;
            e.artists = {std::move(parsed->artist)};
            e.title = std::move(parsed->title);
            e.durationMs = durationMs;
            e.lineNumber = line;
            report.entries.push_back(std::move(e));
            return true;
        }
    } // namespace

    std::string spotifyTrackId(std::string_view text)
    {
        auto t = trimView(text);
        if (t.starts_with("spotify:track:"))
            t.remove_prefix(std::string_view("spotify:track:").size());
        else if (const auto pos = t.find("open.spotify.com/"); pos != std::string_view::npos)
        {
            const auto track = t.find("/track/", pos);
            if (track == std::string_view::npos)
                return {};
            t = t.substr(track + 7);
            t = t.substr(0, t.find_first_of("?#/"));
        }
        const bool ok = t.size() == 22 && std::all_of(t.begin(), t.end(), [](char c) {
                            return std::isalnum(static_cast<unsigned char>(c));
                        });
        return ok ? std::string(t) : std::string{};
    }

    ImportReport parseM3uWantedList(std::string_view content)
    {
        ImportReport report;
        report.format = WantedFileFormat::M3u;
        struct Pending
        {
            int line;
            std::string text;
            int durationMs;
        };
        std::optional<Pending> pending; // an #EXTINF waiting for its path line
        for (const auto& [number, raw] : splitLines(content))
        {
            const auto line = trimView(raw);
            if (line.empty())
                continue;
            if (auto problem = utf8Problem(raw))
            {
                report.errors.push_back({number, *problem});
                pending.reset();
                continue;
            }
            if (line.starts_with(kExtInf))
            {
                // #EXTINF:<seconds>[ attributes],<display> — the display text follows the first comma.
                const auto info = line.substr(kExtInf.size());
                const auto comma = info.find(',');
                if (comma == std::string_view::npos)
                {
                    report.errors.push_back({number, "#EXTINF line without ',Artist - Title'"});
                    continue;
                }
                int seconds = 0;
                const auto secs = trimView(info.substr(0, comma));
                std::from_chars(secs.data(), secs.data() + secs.size(), seconds); // -1 or junk: unknown
                // Past ~24 days the milliseconds would overflow an int; no track is that long, so it is unknown.
                const bool plausible = seconds > 0 && seconds <= std::numeric_limits<int>::max() / 1000;
                pending = Pending{number, std::string(info.substr(comma + 1)), plausible ? seconds * 1000 : 0};
                continue;
            }
            if (line.starts_with('#'))
                continue; // #EXTM3U, #PLAYLIST, #EXTALB… carry nothing we need
            if (pending)
                addArtistTitle(report, pending->text, pending->line, pending->durationMs);
            else
                addArtistTitle(report, fileStem(line), number, 0);
            pending.reset();
        }
        if (pending) // a trailing #EXTINF without its path still names a wanted track
            addArtistTitle(report, pending->text, pending->line, pending->durationMs);
        return report;
    }

    ImportReport parsePlainWantedList(std::string_view content)
    {
        ImportReport report;
        report.format = WantedFileFormat::PlainLines;
        for (const auto& [number, raw] : splitLines(content))
        {
            const auto line = trimView(raw);
            if (line.empty() || line.starts_with('#'))
                continue;
            if (auto problem = utf8Problem(raw))
                report.errors.push_back({number, *problem});
            else
                addArtistTitle(report, line, number, 0);
        }
        return report;
    }
} // namespace soulspot::sources::playlistfile
