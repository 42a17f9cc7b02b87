#include "LabelledSet.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>

#include "LabelledCatalogue.hpp"
#include "matching/MatchJson.hpp"
#include "matching/QualityTier.hpp"

namespace soulspot::matching::testing
{
    using nlohmann::json;

    namespace
    {
        class Rng // splitmix64: the same numbers on every platform, unlike std distributions
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

        struct Audio
        {
            std::string ext;
            std::optional<int> bitRate, bitDepth, sampleRate;
            bool vbr{false};
            double sizeKbps{0};
        };

        Audio randomAudio(Rng& rng)
        {
            const int roll = rng.range(0, 99);
            if (roll < 30) { const int k = rng.range(650, 1100); return {"flac", k, 16, 44100, false, double(k)}; }
            if (roll < 38) { const int k = rng.range(2300, 3400); return {"flac", k, 24, 96000, false, double(k)}; }
            if (roll < 63) return {"mp3", 320, std::nullopt, 44100, false, 320};
            if (roll < 73) { const int k = rng.range(225, 265); return {"mp3", k, std::nullopt, 44100, true, double(k)}; }
            if (roll < 81) return {"mp3", 256, std::nullopt, 44100, false, 256};
            if (roll < 89) return {"mp3", 192, std::nullopt, 44100, false, 192};
            if (roll < 94) return {"mp3", 128, std::nullopt, 44100, false, 128};
            if (roll < 98) return {"m4a", 256, std::nullopt, 44100, false, 256};
            const int k = rng.range(700, 1000);
            return {"m4a", k, 16, 44100, false, double(k)};
        }

        std::string replaceAll(std::string text, std::string_view key, std::string_view value)
        {
            for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + value.size()))
                text.replace(pos, key.size(), value);
            return text;
        }

        std::string lower(std::string text)
        {
            for (auto& c : text)
                if (c >= 'A' && c <= 'Z')
                    c = static_cast<char>(c - 'A' + 'a');
            return text;
        }

        struct Names
        {
            std::string share, artist, album, title, nn, year, second, other;
        };

        std::string fill(std::string pattern, const Names& n, const std::string& ext)
        {
            pattern = replaceAll(std::move(pattern), "{u}", n.share);
            pattern = replaceAll(std::move(pattern), "{A}", n.artist);
            pattern = replaceAll(std::move(pattern), "{Al}", n.album);
            pattern = replaceAll(std::move(pattern), "{T}", n.title);
            pattern = replaceAll(std::move(pattern), "{nn}", n.nn);
            pattern = replaceAll(std::move(pattern), "{Y}", n.year);
            pattern = replaceAll(std::move(pattern), "{S}", n.second);
            pattern = replaceAll(std::move(pattern), "{O}", n.other);
            return pattern + "." + ext;
        }

        // Real naming habits for the right recording.
        std::string correctPath(Rng& rng, Names n, const std::string& ext)
        {
            static const std::vector<std::string> kTemplates = {
                "@@{u}\\Music\\{A}\\{Al}\\{nn} - {T}",
                "@@{u}\\Music\\{A}\\{Y} - {Al}\\{nn}. {T}",
                "@@{u}\\Downloads\\{A} - {Al} ({Y})\\{A} - {Al} - {nn} - {T}",
                "@@{u}\\mp3\\{A} - {T}",
                "@@{u}\\{A}\\Singles\\{T}",
                "@@{u}\\D:\\Users\\mark\\Music\\iTunes\\iTunes Media\\Music\\{A}\\{Al}\\1-{nn} {T}",
                "@@{u}\\Music\\{A}\\[{Y}] {Al} [FLAC]\\{nn} {A} - {T}",
                "@@{u}\\Musik\\{A}\\{Al}\\{A} - {nn} - {T}",
                "@@{u}/home/music/{A}/{Al}/{nn} - {T}",
                "@@{u}\\Music\\Various\\{A} - {T} ({Y} Remaster)",
                "@@{u}\\complete\\{A} - {T} [320]",
                "@@{u}\\Music\\{A}\\{Al}\\{T}",
                "@@{u}\\Music\\{A}\\{Al}\\{nn} - {T} (feat. {S})",
            };
            const int style = rng.range(0, static_cast<int>(kTemplates.size()) + 2);
            if (style == static_cast<int>(kTemplates.size())) // lower case everything
                return lower(fill("@@{u}\\music\\{A}\\{Al}\\{nn} {T}", n, ext));
            if (style == static_cast<int>(kTemplates.size()) + 1) // underscores for spaces
            {
                for (auto* field : {&n.artist, &n.album, &n.title})
                    *field = replaceAll(*field, " ", "_");
                return fill("@@{u}\\share\\{A}\\{Al}\\{nn}_-_{T}", n, ext);
            }
            if (style == static_cast<int>(kTemplates.size()) + 2 && n.artist.rfind("The ", 0) == 0)
                return fill("@@{u}\\Music\\" + n.artist.substr(4) + ", The\\{Al}\\{nn} - {T}", n, ext);
            const auto& pattern = kTemplates[static_cast<std::size_t>(style) % kTemplates.size()];
            if (n.second.empty() && pattern.find("{S}") != std::string::npos)
                return fill(kTemplates[0], n, ext);
            return fill(pattern, n, ext);
        }

        struct Offer
        {
            std::string filename;
            double lengthSec{0};
            Audio audio;
            bool reportLength{true};
            std::optional<std::int64_t> size;
            bool locked{false};
            bool correct{false};
            std::string kind;
            bool keepMetadata{false}; // truncation and wrong lengths are only visible through length and bitrate
        };

        json fileJson(Rng& rng, const Offer& offer)
        {
            const Audio& a = offer.audio;
            const double maxOverheadKb = offer.kind.rfind("preview", 0) == 0 ? 60 : (a.ext == "flac" ? 900 : 1400);
            const double overhead = rng.range(0, static_cast<int>(maxOverheadKb)) * 1024.0;
            const auto size = offer.size.value_or(
                static_cast<std::int64_t>(offer.lengthSec * a.sizeKbps * 125.0 + overhead));
            json j = {{"filename", offer.filename}, {"size", size}, {"code", 1}, {"isLocked", false}};
            j["extension"] = rng.chance(0.5) ? a.ext : "";
            if (offer.reportLength && (offer.keepMetadata || !rng.chance(0.12)))
                j["length"] = static_cast<int>(std::lround(offer.lengthSec));
            if (a.bitRate && (offer.keepMetadata || !rng.chance(0.15)))
                j["bitRate"] = *a.bitRate;
            if (a.bitDepth && !rng.chance(0.2))
                j["bitDepth"] = *a.bitDepth;
            if (a.sampleRate && !rng.chance(0.3))
                j["sampleRate"] = *a.sampleRate;
            if (a.ext != "flac" && !rng.chance(0.2))
                j["isVariableBitRate"] = a.vbr;
            return j;
        }

        Names namesFor(Rng& rng, const CatalogueSong& song)
        {
            Names n;
            const bool ascii = rng.chance(0.3);
            n.artist = ascii && !song.asciiArtist.empty() ? song.asciiArtist : song.fileArtist;
            n.title = ascii && !song.asciiTitle.empty() ? song.asciiTitle : song.fileTitle;
            n.album = song.fileAlbum;
            const int track = rng.chance(0.8) ? song.trackNumber : rng.range(1, 18);
            n.nn = (track < 10 ? "0" : "") + std::to_string(track);
            n.year = std::to_string(song.year);
            n.second = song.artists.size() > 1 ? song.artists[1] : "";
            n.other = song.otherArtist;
            return n;
        }

        // One file that must not be chosen; `kind` names the trap.
        Offer decoy(Rng& rng, const CatalogueSong& song, Names n, const std::string& kind)
        {
            const double len = song.durationMs / 1000.0;
            Audio audio = randomAudio(rng);
            const std::string& ext = audio.ext;
            Offer o{"", len + rng.range(-2, 2), audio, true, std::nullopt, false, false, kind};
            n.second.clear(); // a decoy never credits the wanted featured artist
            static const std::vector<std::string> kLabelled = {"live", "remix", "instrumental", "karaoke", "cover",
                                                               "acoustic", "demo", "reprise", "extended", "radio",
                                                               "sped", "slowed", "nightcore"};
            if (!song.plainTitle.empty() && std::find(kLabelled.begin(), kLabelled.end(), kind) != kLabelled.end())
                n.title = song.plainTitle;
            auto labelled = [&](const std::string& label, double length) {
                o.filename = fill(rng.chance(0.5) ? "@@{u}\\Music\\{A}\\{Al}\\{nn} - {T} (" + label + ")"
                                                  : "@@{u}\\misc\\{A} - {T} [" + label + "]",
                                  n, ext);
                o.lengthSec = length;
            };
            if (kind == "live")
            {
                if (rng.chance(0.5))
                    o.filename = fill("@@{u}\\Music\\{A}\\Live at Wembley Stadium\\{nn} - {T}", n, ext);
                else
                    labelled(rng.chance(0.5) ? "Live" : "Live at Budokan 1978", len);
                o.lengthSec = len + rng.range(-2, 40);
            }
            else if (kind == "remix") labelled(rng.pick(std::vector<std::string>{"Skrillex Remix", "Club Mix", "Dub Mix", "VIP"}), len + rng.range(-2, 120));
            else if (kind == "instrumental") labelled("Instrumental", len + rng.range(-1, 1));
            else if (kind == "karaoke")
            {
                o.filename = rng.chance(0.5) ? fill("@@{u}\\Karaoke Hits Vol. 3\\{nn} {T} (In the Style of {A})", n, ext)
                                             : fill("@@{u}\\karaoke\\{A} - {T} (Karaoke Version)", n, ext);
                o.lengthSec = len + rng.range(-2, 2);
            }
            else if (kind == "cover")
            {
                o.filename = rng.chance(0.5) ? fill("@@{u}\\Music\\{O}\\{O} - {T} ({A} Cover)", n, ext)
                                             : fill("@@{u}\\Music\\A Tribute To {A}\\{nn} - {T}", n, ext);
                o.lengthSec = len + rng.range(-2, 20);
            }
            else if (kind == "acoustic") labelled("Acoustic Version", len + rng.range(-20, 20));
            else if (kind == "demo") labelled("Demo", len + rng.range(-30, 10));
            else if (kind == "reprise") labelled("Reprise", len * 0.5);
            else if (kind == "extended") labelled("Extended Mix", len + rng.range(60, 180));
            else if (kind == "radio") labelled("Radio Edit", len - rng.range(25, 70));
            else if (kind == "sped") labelled(rng.chance(0.5) ? "Sped Up" : "sped up + reverb", len * 0.8);
            else if (kind == "slowed") labelled("Slowed + Reverb", len * 1.2);
            else if (kind == "nightcore")
            {
                o.filename = fill("@@{u}\\nightcore\\Nightcore - {T}", n, ext);
                o.lengthSec = len * 0.8;
            }
            else if (kind == "preview" || kind == "preview-nolength")
            {
                o.audio = {"mp3", 320, std::nullopt, 44100, false, 320};
                o.filename = correctPath(rng, n, "mp3");
                o.lengthSec = 30;
                o.reportLength = kind == "preview";
            }
            else if (kind == "truncated")
            {
                o.filename = correctPath(rng, n, ext);
                o.size = static_cast<std::int64_t>(len * audio.sizeKbps * 125.0 * rng.range(10, 40) / 100.0);
                o.keepMetadata = true;
            }
            else if (kind == "neighbour")
            {
                n.title = rng.pick(song.otherTracks);
                o.filename = correctPath(rng, n, ext);
                o.lengthSec = rng.range(150, 400);
            }
            else if (kind == "other-artist")
            {
                n.artist = n.other;
                n.album = "Greatest Hits";
                o.filename = correctPath(rng, n, ext);
                o.lengthSec = rng.chance(0.4) ? len + rng.range(-2, 2) : rng.range(150, 400);
            }
            else if (kind == "wrong-length")
            {
                o.filename = correctPath(rng, n, ext);
                o.lengthSec = len + (rng.chance(0.5) ? 1 : -1) * rng.range(12, 60);
                o.keepMetadata = true;
            }
            else if (kind == "locked")
            {
                o.filename = correctPath(rng, n, ext);
                o.locked = true;
            }
            else if (kind == "album-rip")
            {
                o.filename = fill("@@{u}\\rips\\{A} - {Al}", n, ext);
                o.lengthSec = rng.range(2400, 3600);
            }
            else if (kind == "studio")
            {
                n.title = song.plainTitle;
                n.album = "Greatest Hits";
                o.filename = correctPath(rng, n, ext);
                o.lengthSec = len + (rng.chance(0.5) ? 1 : -1) * rng.range(15, 70);
                o.keepMetadata = true;
            }
            else // non-audio
            {
                o.audio.ext = rng.pick(std::vector<std::string>{"jpg", "cue", "log", "m3u"});
                o.filename = fill("@@{u}\\Music\\{A}\\{Al}\\" + rng.pick(std::vector<std::string>{"cover", "folder", "{A} - {Al}"}), n, o.audio.ext);
            }
            return o;
        }

        std::vector<std::string> decoyKindsFor(const CatalogueSong& song)
        {
            std::vector<std::string> kinds = {"instrumental", "karaoke", "cover", "acoustic", "demo", "reprise",
                                              "extended", "sped", "slowed", "nightcore", "preview",
                                              "preview-nolength", "truncated", "neighbour", "neighbour",
                                              "other-artist", "other-artist", "wrong-length", "locked", "album-rip",
                                              "non-audio", "remix"};
            if (song.version.empty())
            {
                kinds.push_back("live");
                kinds.push_back("radio");
            }
            else
            {
                kinds.push_back("studio");
                kinds.push_back("studio");
            }
            if (song.version == "live")
                kinds.push_back("radio");
            if (song.version == "live-album") // the Unplugged recording is acoustic by nature
                kinds.erase(std::find(kinds.begin(), kinds.end(), "acoustic"));
            if (song.version == "radio")
                kinds.push_back("live");
            return kinds;
        }
    } // namespace

    std::vector<LabelledCase> generateLabelledSet(int count, std::uint64_t seed)
    {
        Rng rng(seed);
        const auto& songs = labelledCatalogue();
        std::vector<LabelledCase> cases;
        for (int i = 0; i < count; ++i)
        {
            const auto& song = songs[static_cast<std::size_t>(i) % songs.size()];
            const bool offerCorrect = rng.chance(0.75);
            LabelledCase labelled;
            const int profileRoll = rng.range(0, 99);
            labelled.profile = profileRoll < 6 ? "lossless-only" : profileRoll < 12 ? "Space-saver" : profileRoll < 16 ? "Lossless-first" : "";
            const auto profile = labelled.profile.empty() ? defaultProfile() : *findBuiltinProfile(labelled.profile);
            const auto kinds = decoyKindsFor(song);

            json responses = json::array();
            const int users = rng.range(2, 7);
            labelled.description = song.spotifyName + " [" + (labelled.profile.empty() ? "default" : labelled.profile) + "]:";
            for (int u = 0; u < users; ++u)
            {
                Names names = namesFor(rng, song);
                names.share = "share" + std::to_string(rng.range(100, 999));
                const std::string username = "peer" + std::to_string(i) + "_" + std::to_string(u);
                std::vector<Offer> offers;
                const int files = rng.range(1, 4);
                for (int f = 0; f < files; ++f)
                {
                    if (offerCorrect && ((u == 0 && f == 0) || rng.chance(0.3)))
                    {
                        Audio audio = randomAudio(rng);
                        const double len = song.durationMs / 1000.0 + rng.range(-2, 2) * 0.5;
                        offers.push_back({correctPath(rng, names, audio.ext), len, audio, true, std::nullopt,
                                          false, true, "correct"});
                    }
                    else
                        offers.push_back(decoy(rng, song, names, rng.pick(kinds)));
                }
                json response = {{"username", username}, {"token", 1000 + i}, {"hasFreeUploadSlot", rng.chance(0.6)},
                                 {"uploadSpeed", rng.range(0, 4000) * 1024}, {"queueLength", rng.range(0, 120)},
                                 {"files", json::array()}, {"lockedFiles", json::array()}};
                std::set<std::string> offered; // one path per peer, so labels by (user, path) stay unambiguous
                for (const auto& offer : offers)
                {
                    if (!offered.insert(offer.filename).second)
                        continue;
                    auto file = fileJson(rng, offer);
                    labelled.description += " " + offer.kind;
                    (offer.locked ? response["lockedFiles"] : response["files"]).push_back(file);
                    if (!offer.correct)
                        continue;
                    // Right recording, but the profile may still refuse its quality.
                    auto parsed = searchResponseFromJson(json{{"username", username}, {"files", json::array({file})}});
                    const auto& searchFile = parsed->files.front();
                    if (assessQuality(profile, searchFile, detectFormat(searchFile)).allowed)
                        labelled.correct.emplace(username, offer.filename);
                }
                response["fileCount"] = response["files"].size();
                response["lockedFileCount"] = response["lockedFiles"].size();
                responses.push_back(std::move(response));
            }
            json track = {{"name", song.spotifyName}, {"duration_ms", song.durationMs}, {"track_number", song.trackNumber},
                          {"external_ids", {{"isrc", song.isrc}}}, {"type", "track"},
                          {"album", {{"name", song.album}, {"release_date", std::to_string(song.year)}}}};
            track["artists"] = json::array();
            for (const auto& artist : song.artists)
                track["artists"].push_back({{"name", artist}});
            json line = {{"track", track}, {"responses", responses}};
            if (!labelled.profile.empty())
                line["profile"] = labelled.profile;
            labelled.jsonLine = line.dump();
            cases.push_back(std::move(labelled));
        }
        return cases;
    }
} // namespace soulspot::matching::testing
