#include "LabelledAlbumSet.hpp"

#include <algorithm>
#include <functional>
#include <optional>

#include "LabelledAlbumCatalogue.hpp"

namespace soulspot::matching::testing
{
    namespace
    {
        class Rng // splitmix64, as in LabelledSet.cpp: the same numbers on every platform
        {
        public:
            explicit Rng(std::uint64_t seed) : state_(seed) {}
            std::uint64_t next()
            {
                std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
                return z ^ (z >> 31);
            }
            int range(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
            bool chance(double p) { return static_cast<double>(next() >> 11) / 9007199254740992.0 < p; }
            template <typename T>
            const T& pick(const std::vector<T>& items) { return items[next() % items.size()]; }

        private:
            std::uint64_t state_;
        };

        enum Album : std::size_t { kOk, kNevermind, kDiscovery, kHomogenic, kRumours, kAbbey, kParachutes, kWall,
                                   kTrainspotting, kUnplugged };
        const std::vector<std::size_t> kStudio = {kOk, kNevermind, kDiscovery, kHomogenic, kRumours, kAbbey, kParachutes};

        enum class Quality { Flac, Flac24, Mp3, V0 };

        std::string replaceAll(std::string text, std::string_view key, std::string_view value)
        {
            for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + value.size()))
                text.replace(pos, key.size(), value);
            return text;
        }

        // Windows shares can not hold ?:*"<>| — uploaders drop or replace them.
        std::string fileSafe(std::string text)
        {
            std::string out;
            for (const char c : text)
            {
                if (c == '?' || c == '*' || c == '"' || c == '<' || c == '>' || c == '|')
                    continue;
                out.push_back(c == ':' || c == '/' ? '-' : c);
            }
            return out;
        }

        std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

        SearchFile audioFile(Rng& rng, std::string path, int seconds, Quality q)
        {
            SearchFile f;
            const bool flac = q == Quality::Flac || q == Quality::Flac24;
            f.extension = rng.chance(0.5) ? (flac ? "flac" : "mp3") : "";
            f.filename = std::move(path) + (flac ? ".flac" : ".mp3");
            if (!rng.chance(0.1))
                f.length = seconds;
            int kbps = 320;
            switch (q)
            {
            case Quality::Flac: kbps = rng.range(650, 1050); f.bitDepth = 16; f.sampleRate = 44100; break;
            case Quality::Flac24: kbps = rng.range(2300, 3300); f.bitDepth = 24; f.sampleRate = 96000; break;
            case Quality::Mp3: f.bitRate = 320; f.isVariableBitRate = false; break;
            case Quality::V0: kbps = rng.range(225, 262); f.bitRate = kbps; f.isVariableBitRate = true; break;
            }
            f.size = static_cast<std::int64_t>(seconds) * kbps * 125 + rng.range(20, 700) * 1024;
            return f;
        }

        struct Names
        {
            std::string user, artist, album, year;
        };

        Names namesFor(Rng& rng, const CatalogueAlbum& album, const std::string& user)
        {
            return {user, rng.pick(album.fileArtist), album.fileAlbum, std::to_string(album.year)};
        }

        std::string directoryFor(Rng& rng, const Names& n, bool withArtist = true)
        {
            static const std::vector<std::string> kWithArtist = {
                "@@{u}\\Music\\{A}\\{Al} ({Y})", "@@{u}\\Music\\{A}\\{Y} - {Al}",
                "@@{u}\\Downloads\\{A} - {Al} ({Y}) [FLAC]", "@@{u}\\{A} - {Al}", "@@{u}/home/music/{A}/{Al}",
                "@@{u}\\Music\\{A} - {Y} - {Al}", "@@{u}\\share\\{A}\\[{Y}] {Al}", "@@{u}\\Musik\\{A}\\{Al}"};
            static const std::vector<std::string> kAlbumOnly = {"@@{u}\\Music\\{Al} ({Y})", "@@{u}\\{Al} [{Y}] [FLAC]",
                                                                "@@{u}\\Albums\\{Al}"};
            auto dir = rng.pick(withArtist ? kWithArtist : kAlbumOnly);
            dir = replaceAll(dir, "{u}", n.user);
            dir = replaceAll(dir, "{A}", fileSafe(n.artist));
            dir = replaceAll(dir, "{Al}", fileSafe(n.album));
            return replaceAll(dir, "{Y}", n.year);
        }

        std::string separatorOf(const std::string& dir) { return dir.find('/') != std::string::npos ? "/" : "\\"; }

        struct Layout
        {
            std::vector<int> which; // track indices; empty = all
            Quality quality{Quality::Flac};
            std::function<Quality(int)> qualityOf; // overrides quality per track
            int shiftSec{0};          // live recordings and other cuts are longer or shorter
            std::string titleSuffix;  // " (Live)", " (Demo)"
            std::string discStyle;    // "" flat, else "CD", "CD ", "Disc ", "(Disc ", "Disk"
            bool extras{true};        // cover.jpg, .nfo, …
            bool bonus{false};        // audio files the tracklist does not have
        };

        std::vector<SearchFile> folderFiles(Rng& rng, const CatalogueAlbum& album, const Names& n,
                                            const std::string& dir, const Layout& layout)
        {
            const auto sep = separatorOf(dir);
            const int style = rng.range(0, 4);
            const bool lowerCase = rng.chance(0.12);
            const std::string remaster = layout.titleSuffix.empty() && rng.chance(0.15) ? " (Remastered)" : "";
            std::vector<SearchFile> files;
            std::vector<int> which = layout.which;
            if (which.empty())
                for (int i = 0; i < static_cast<int>(album.tracks.size()); ++i)
                    which.push_back(i);
            std::vector<int> perDisc(4, 0);
            std::vector<int> number(album.tracks.size());
            for (std::size_t i = 0; i < album.tracks.size(); ++i)
                number[i] = ++perDisc[static_cast<std::size_t>(album.tracks[i].disc)];
            for (const int i : which)
            {
                const auto& t = album.tracks[static_cast<std::size_t>(i)];
                const std::string title = fileSafe(t.title) + (layout.titleSuffix.empty() ? remaster : layout.titleSuffix);
                const std::string artist = fileSafe(t.artist.empty() ? n.artist : t.artist);
                const int nn = number[static_cast<std::size_t>(i)]; // per disc, as the discs are printed
                std::string name;
                if (!t.artist.empty())
                    name = two(nn) + " - " + artist + " - " + title; // compilations always name the artist
                else if (album.discs > 1 && layout.discStyle.empty())
                    name = std::to_string(t.disc) + "-" + two(nn) + " " + title;
                else if (style == 0)
                    name = two(nn) + " - " + title;
                else if (style == 1)
                    name = two(nn) + ". " + title;
                else if (style == 2)
                    name = artist + " - " + fileSafe(n.album) + " - " + two(nn) + " - " + title;
                else if (style == 3)
                    name = two(nn) + " " + artist + " - " + title;
                else
                    name = replaceAll(two(nn) + "_-_" + title, " ", "_");
                std::string sub;
                if (!layout.discStyle.empty() && album.discs > 1)
                    sub = layout.discStyle + std::to_string(t.disc) + (layout.discStyle.front() == '(' ? ")" : "") + sep;
                const Quality q = layout.qualityOf ? layout.qualityOf(i) : layout.quality;
                if (lowerCase)
                    for (auto& ch : name)
                        ch = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
                files.push_back(audioFile(rng, dir + sep + sub + name, t.seconds + layout.shiftSec + rng.range(-2, 2), q));
            }
            if (rng.chance(0.3)) // peers list files in their own order
                std::reverse(files.begin(), files.end());
            if (layout.bonus)
                files.push_back(audioFile(rng, dir + sep + two(static_cast<int>(album.tracks.size()) + 1) +
                                                   " - Untitled Bonus Track",
                                          rng.range(150, 300), layout.quality));
            if (layout.extras)
            {
                files.push_back(SearchFile{dir + sep + "cover.jpg", rng.range(40000, 900000), {}, {}, {}, {}, {}, "jpg", false});
                if (rng.chance(0.4))
                    files.push_back(SearchFile{dir + sep + fileSafe(n.album) + ".nfo", 2000, {}, {}, {}, {}, {}, "", false});
                if (rng.chance(0.3))
                    files.push_back(SearchFile{dir + sep + fileSafe(n.album) + ".log", 6000, {}, {}, {}, {}, {}, "log", false});
            }
            return files;
        }

        WantedAlbum wantedOf(const CatalogueAlbum& album)
        {
            WantedAlbum w;
            w.title = album.title;
            w.artists = album.artists;
            w.releaseDate = std::to_string(album.year);
            w.primaryType = album.primaryType;
            w.discCount = album.discs;
            std::vector<int> perDisc(4, 0);
            for (const auto& t : album.tracks)
            {
                WantedAlbumTrack track;
                track.track.title = t.title;
                if (!t.artist.empty())
                    track.track.artists = {t.artist};
                track.track.durationMs = t.seconds * 1000 + 400;
                track.track.trackNumber = ++perDisc[static_cast<std::size_t>(t.disc)];
                track.discNumber = t.disc;
                w.tracks.push_back(std::move(track));
            }
            return w;
        }

        // One case under construction: folders are added per user; `right` marks the ones to choose.
        struct Builder
        {
            Rng& rng;
            LabelledAlbumCase c;
            int users{0};

            std::string newUser()
            {
                static const std::vector<std::string> kNames = {"vinylhead", "flacfan", "mp3mike", "lossless_lu",
                                                                "crate.digger", "Ana", "bob", "zz_top_fan"};
                return rng.pick(kNames) + std::to_string(++users);
            }

            void add(const std::string& user, const std::string& dir, std::vector<SearchFile> files, bool browsed,
                     bool right, const std::string& label)
            {
                c.description += " [" + label + (browsed ? ", browsed" : "") + "] " + dir;
                if (right)
                    c.correct.emplace(user, dir);
                if (browsed)
                {
                    c.browsed.push_back(AlbumFolder{user, dir, rng.chance(0.7), rng.range(20000, 3000000),
                                                    rng.range(0, 30), std::move(files), true});
                    return;
                }
                SearchResponse response{user, rng.chance(0.7), rng.range(20000, 3000000), rng.range(0, 30), {}, {}};
                response.files = std::move(files);
                if (rng.chance(0.2) && !response.files.empty()) // a locked copy of one file
                {
                    auto locked = response.files.front();
                    locked.locked = true;
                    response.lockedFiles.push_back(locked);
                }
                c.responses.push_back(std::move(response));
            }

            // A folder of `album` as an uploader shares it; `dirSuffix` makes editions ("… (Live)").
            void folder(const CatalogueAlbum& album, const Layout& layout, bool browsed, bool right,
                        const std::string& label, const std::string& dirSuffix = "", bool withArtist = true)
            {
                const auto user = newUser();
                const auto n = namesFor(rng, album, user);
                const auto dir = directoryFor(rng, n, withArtist) + dirSuffix;
                add(user, dir, folderFiles(rng, album, n, dir, layout), browsed, right, label);
            }
        };

        Quality anyQuality(Rng& rng)
        {
            const int roll = rng.range(0, 9);
            return roll < 5 ? Quality::Flac : roll < 6 ? Quality::Flac24 : roll < 9 ? Quality::Mp3 : Quality::V0;
        }

        std::vector<int> someTracks(Rng& rng, int total, int keep)
        {
            std::vector<int> all(static_cast<std::size_t>(total));
            for (int i = 0; i < total; ++i)
                all[static_cast<std::size_t>(i)] = i;
            for (int i = total - 1; i > 0; --i)
                std::swap(all[static_cast<std::size_t>(i)], all[static_cast<std::size_t>(rng.range(0, i))]);
            all.resize(static_cast<std::size_t>(std::clamp(keep, 0, total)));
            std::sort(all.begin(), all.end());
            return all;
        }

        // `partialDecoy` = false when a partial folder could be right (fill only missing tracks).
        void addDecoys(Builder& b, const CatalogueAlbum& album, int count, bool partialDecoy = true)
        {
            const int total = static_cast<int>(album.tracks.size());
            for (int d = 0; d < count; ++d)
            {
                switch (b.rng.range(0, 7))
                {
                case 6:
                {
                    auto tribute = album; // a string quartet's album of the same songs, same running order
                    tribute.fileArtist = {"Vitamin String Quartet"};
                    tribute.fileAlbum = "Performs " + album.fileAlbum;
                    b.folder(tribute, {.shiftSec = b.rng.range(-3, 3)}, false, false, "tribute");
                    break;
                }
                case 7: b.folder(album, {.titleSuffix = " (Karaoke Version)"}, false, false, "karaoke", " (Karaoke)"); break;
                case 0: b.folder(album, {.shiftSec = b.rng.range(-12, 25)}, false, false, "live", " (Live at Wembley)"); break;
                case 1:
                    if (partialDecoy)
                        b.folder(album, {.which = someTracks(b.rng, total, total * 2 / 3)}, true, false, "partial");
                    break;
                case 2:
                {
                    const auto& other = labelledAlbumCatalogue()[b.rng.pick(kStudio)];
                    if (other.title != album.title)
                        b.folder(other, {.quality = anyQuality(b.rng)}, false, false, "other album");
                    break;
                }
                case 3: b.folder(album, {.shiftSec = b.rng.range(-20, 20), .titleSuffix = " (Demo)"}, false, false, "demos", " (Demos)"); break;
                case 4: b.folder(album, {.which = {b.rng.range(0, total - 1)}}, true, false, "one track", " (Single)"); break;
                default: b.folder(album, {.titleSuffix = " (Instrumental)"}, false, false, "instrumental", " [Instrumentals]"); break;
                }
            }
        }

        void makeCase(Builder& b, int kind)
        {
            const auto& cat = labelledAlbumCatalogue();
            auto& rng = b.rng;
            const auto& studio = cat[rng.pick(kStudio)];
            const int total = static_cast<int>(studio.tracks.size());
            b.c.wanted = wantedOf(studio);
            switch (kind)
            {
            case 0:
                b.c.kind = "complete among decoys";
                b.folder(studio, {.quality = anyQuality(rng), .bonus = rng.chance(0.2)}, rng.chance(0.3), true, "complete");
                addDecoys(b, studio, rng.range(1, 4));
                break;
            case 1:
            {
                b.c.kind = "edition";
                static const std::vector<std::string> kEditions = {"live", "demo", "instrumental", "remix", "deluxe",
                                                                   "deluxe-missing", "remaster", "deluxe-live-disc"};
                const auto& edition = rng.pick(kEditions);
                if (edition == "deluxe-live-disc") // CD2 repeats the titles as live cuts: the picks must be CD1's
                {
                    const auto user = b.newUser();
                    const auto n = namesFor(rng, studio, user);
                    const auto dir = directoryFor(rng, n) + " (Deluxe Edition)";
                    const auto sep = separatorOf(dir);
                    auto files = folderFiles(rng, studio, n, dir + sep + "CD1", {.quality = Quality::Flac});
                    auto live = folderFiles(rng, studio, n, dir + sep + "CD2", {.shiftSec = rng.range(-2, 2), .titleSuffix = " (Live)", .extras = false});
                    files.insert(files.end(), live.begin(), live.end());
                    b.add(user, dir, std::move(files), rng.chance(0.5), true, "deluxe with a live disc");
                }
                else if (edition == "live")
                    b.folder(studio, {.shiftSec = rng.range(-3, 3)}, false, false, "live", " (Live)");
                else if (edition == "demo")
                    b.folder(studio, {.shiftSec = rng.range(-2, 2)}, false, false, "demos", " - Demos");
                else if (edition == "instrumental")
                    b.folder(studio, {}, false, false, "instrumental", " (Instrumental Version)");
                else if (edition == "remix")
                    b.folder(studio, {}, false, false, "remixes", " (Remixed)");
                else if (edition == "deluxe")
                    b.folder(studio, {.bonus = true}, rng.chance(0.5), true, "deluxe", " (Deluxe Edition)");
                else if (edition == "deluxe-missing")
                    b.folder(studio, {.which = someTracks(rng, total, total - 1), .bonus = true}, true, false,
                             "deluxe lacking a track", " (25th Anniversary Edition)");
                else
                    b.folder(studio, {}, rng.chance(0.5), true, "remaster", " (2011 Remaster)");
                break;
            }
            case 2:
            {
                b.c.kind = "single named like the album";
                const auto& album = cat[rng.chance(0.5) ? kParachutes : kTrainspotting];
                b.c.wanted = wantedOf(album);
                int title = 0;
                for (std::size_t i = 0; i < album.tracks.size(); ++i)
                    if (album.tracks[i].title == "Parachutes" || album.tracks[i].title == "Trainspotting")
                        title = static_cast<int>(i);
                const auto suffix = rng.chance(0.5) ? std::string(" (Single)") : std::string();
                b.folder(album, {.which = {title}, .extras = rng.chance(0.5)}, rng.chance(0.5), false, "single", suffix);
                if (rng.chance(0.4))
                    b.folder(album, {.quality = anyQuality(rng)}, false, true, "complete");
                break;
            }
            case 3:
            {
                b.c.kind = "partial";
                b.c.options.allowPartial = rng.chance(0.5);
                b.folder(studio, {.which = someTracks(rng, total, total * 3 / 4)}, true, b.c.options.allowPartial,
                         b.c.options.allowPartial ? "partial, allowed" : "partial");
                break;
            }
            case 4:
            {
                b.c.kind = "mixed formats";
                const int odd = rng.range(0, total - 1);
                b.folder(studio, {.qualityOf = [odd](int i) { return i == odd ? Quality::Mp3 : Quality::Flac; }},
                         rng.chance(0.5), true, "mixed");
                if (rng.chance(0.5))
                    b.folder(studio, {.quality = Quality::Flac}, false, true, "all flac");
                break;
            }
            case 5:
            {
                b.c.kind = "multi-disc";
                const auto& wall = cat[kWall];
                b.c.wanted = wantedOf(wall);
                static const std::vector<std::string> kStyles = {"CD", "CD ", "Disc ", "(Disc ", "Disk", ""};
                b.folder(wall, {.quality = anyQuality(rng), .discStyle = rng.pick(kStyles)}, rng.chance(0.3), true,
                         "two discs");
                if (rng.chance(0.5))
                    b.folder(wall, {.which = someTracks(rng, 13, 13)}, true, false, "disc 1 only", " (Disc 1)");
                break;
            }
            case 6:
            {
                b.c.kind = "compilation";
                if (rng.chance(0.6))
                {
                    const auto& ost = cat[kTrainspotting];
                    b.c.wanted = wantedOf(ost);
                    b.folder(ost, {.quality = anyQuality(rng)}, rng.chance(0.3), true, "soundtrack");
                    b.folder(ost, {.which = someTracks(rng, 14, 4)}, true, false, "four tracks", " (Sampler)");
                }
                else // a various-artists folder holding two of the wanted album's songs
                {
                    auto va = studio;
                    for (auto& t : va.tracks)
                        t.artist = studio.fileArtist.front();
                    va.fileArtist = {"VA"};
                    va.fileAlbum = "Greatest Hits of the Decade";
                    b.folder(va, {.which = someTracks(rng, total, 2)}, false, false, "various artists");
                    b.folder(va, {.which = someTracks(rng, total, total - 2)}, true, false, "hits collection");
                }
                break;
            }
            case 7:
            {
                b.c.kind = "live wanted vs studio";
                const auto& unplugged = cat[kUnplugged];
                if (rng.chance(0.5))
                {
                    b.c.wanted = wantedOf(unplugged);
                    auto studioCopy = unplugged; // the same songs as studio recordings in a studio-named folder
                    studioCopy.fileAlbum = "Nevermind";
                    b.folder(studioCopy, {.shiftSec = rng.range(-3, 3)}, true, false, "studio");
                    if (rng.chance(0.5))
                        b.folder(unplugged, {.quality = anyQuality(rng)}, false, true, "live album");
                }
                else
                {
                    b.folder(studio, {.shiftSec = rng.range(-2, 2)}, false, false, "live", " (Live at Reading)");
                    if (rng.chance(0.5))
                        b.folder(studio, {.quality = anyQuality(rng)}, false, true, "studio");
                }
                break;
            }
            case 8:
                b.c.kind = "no artist in the folder";
                b.folder(studio, {.quality = anyQuality(rng)}, rng.chance(0.3), true, "album only", "", false);
                break;
            case 9:
            {
                b.c.kind = "search shows part of the folder";
                const auto user = b.newUser();
                const auto n = namesFor(rng, studio, user);
                const auto dir = directoryFor(rng, n);
                b.add(user, dir, folderFiles(rng, studio, n, dir, {.which = someTracks(rng, total, rng.range(3, total - 3))}),
                      false, false, "part shown");
                b.c.mustBrowse.emplace(user, dir);
                if (rng.chance(0.5))
                    b.folder(studio, {.quality = anyQuality(rng)}, false, true, "complete elsewhere");
                break;
            }
            default:
            {
                b.c.kind = "fill only missing";
                for (const int i : someTracks(rng, total, rng.range(1, 3)))
                    b.c.options.onlyTracks.push_back(static_cast<std::size_t>(i));
                b.folder(studio, {.quality = anyQuality(rng)}, rng.chance(0.3), true, "complete");
                addDecoys(b, studio, rng.range(0, 2), false);
                break;
            }
            }
            b.c.description = b.c.kind + ": " + b.c.wanted.title + " —" + b.c.description;
        }
    } // namespace

    std::vector<LabelledAlbumCase> generateLabelledAlbumSet(int count, std::uint64_t seed)
    {
        Rng rng(seed);
        std::vector<LabelledAlbumCase> cases;
        for (int i = 0; i < count; ++i)
        {
            Builder b{rng, {}, 0};
            makeCase(b, i % 11);
            cases.push_back(std::move(b.c));
        }
        return cases;
    }

    std::vector<AlbumFolder> foldersOf(const LabelledAlbumCase& c)
    {
        auto folders = groupIntoFolders(c.responses);
        folders.insert(folders.end(), c.browsed.begin(), c.browsed.end());
        return folders;
    }
} // namespace soulspot::matching::testing
