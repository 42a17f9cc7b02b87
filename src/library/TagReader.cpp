#include "library/TagReader.hpp"

#include <system_error>

#include <taglib/aifffile.h>
#include <taglib/attachedpictureframe.h>
#include <taglib/fileref.h>
#include <taglib/flacfile.h>
#include <taglib/id3v2tag.h>
#include <taglib/mp4file.h>
#include <taglib/mpegfile.h>
#include <taglib/opusfile.h>
#include <taglib/tpropertymap.h>
#include <taglib/vorbisfile.h>
#include <taglib/wavfile.h>
#include <taglib/xiphcomment.h>

namespace soulspot::library
{
    namespace
    {
        std::string toStd(const TagLib::String& s) { return s.to8Bit(true); }

        std::string firstValue(const TagLib::PropertyMap& map, const char* key)
        {
            const auto it = map.find(key);
            return it == map.end() || it->second.isEmpty() ? std::string() : toStd(it->second.front());
        }

        std::vector<std::string> allValues(const TagLib::PropertyMap& map, const char* key)
        {
            std::vector<std::string> out;
            if (const auto it = map.find(key); it != map.end())
                for (const auto& v : it->second)
                    out.push_back(toStd(v));
            return out;
        }

        std::optional<int> parseLeadingInt(const std::string& text)
        {
            int value = 0;
            std::size_t digits = 0;
            for (char c : text)
            {
                if (c < '0' || c > '9' || digits == 6)
                    break;
                value = value * 10 + (c - '0');
                ++digits;
            }
            return digits == 0 ? std::nullopt : std::optional<int>(value);
        }

        // "3/12" (ID3, MP4) or "3" plus a separate total key (Vorbis, either spelling Picard reads).
        void readNumberPair(const TagLib::PropertyMap& map, const char* numberKey, const char* totalKey,
                            const char* altTotalKey, std::optional<int>& number, std::optional<int>& total)
        {
            const auto raw = firstValue(map, numberKey);
            number = parseLeadingInt(raw);
            if (const auto slash = raw.find('/'); slash != std::string::npos)
                total = parseLeadingInt(raw.substr(slash + 1));
            if (!total)
                total = parseLeadingInt(firstValue(map, totalKey));
            if (!total)
                total = parseLeadingInt(firstValue(map, altTotalKey));
        }

        TrackMetadata metadataFrom(const TagLib::PropertyMap& map)
        {
            TrackMetadata m;
            m.title = firstValue(map, "TITLE");
            m.artistCredit = firstValue(map, "ARTIST");
            m.artists = allValues(map, "ARTISTS");
            if (m.artists.empty() && !m.artistCredit.empty())
                m.artists = {m.artistCredit};
            m.album = firstValue(map, "ALBUM");
            m.albumArtist = firstValue(map, "ALBUMARTIST");
            readNumberPair(map, "TRACKNUMBER", "TRACKTOTAL", "TOTALTRACKS", m.trackNumber, m.trackTotal);
            readNumberPair(map, "DISCNUMBER", "DISCTOTAL", "TOTALDISCS", m.discNumber, m.discTotal);
            m.date = firstValue(map, "DATE");
            m.originalDate = firstValue(map, "ORIGINALDATE");
            m.genre = firstValue(map, "GENRE");
            m.isrc = firstValue(map, "ISRC");
            m.albumType = firstValue(map, "RELEASETYPE");
            m.mediumFormat = firstValue(map, "MEDIA");
            m.musicBrainzRecordingId = firstValue(map, "MUSICBRAINZ_TRACKID");
            m.musicBrainzReleaseTrackId = firstValue(map, "MUSICBRAINZ_RELEASETRACKID");
            m.musicBrainzReleaseId = firstValue(map, "MUSICBRAINZ_ALBUMID");
            m.musicBrainzReleaseGroupId = firstValue(map, "MUSICBRAINZ_RELEASEGROUPID");
            m.musicBrainzArtistIds = allValues(map, "MUSICBRAINZ_ARTISTID");
            m.musicBrainzAlbumArtistId = firstValue(map, "MUSICBRAINZ_ALBUMARTISTID");
            return m;
        }

        AudioProperties describe(TagLib::File* file)
        {
            AudioProperties a;
            const auto* props = file->audioProperties();
            a.durationMs = props->lengthInMilliseconds();
            a.bitrateKbps = props->bitrate();
            a.sampleRate = props->sampleRate();
            a.channels = props->channels();
            // The container is decided by content TagLib recognised, not by the (peer-chosen) extension.
            if (dynamic_cast<TagLib::MPEG::File*>(file))
                a.format = AudioFormat::Mp3, a.codec = "MP3";
            else if (auto* flac = dynamic_cast<TagLib::FLAC::File*>(file))
                a.format = AudioFormat::Flac, a.codec = "FLAC", a.lossless = true,
                a.bitsPerSample = flac->audioProperties()->bitsPerSample();
            else if (auto* mp4 = dynamic_cast<TagLib::MP4::File*>(file))
            {
                a.format = AudioFormat::Mp4;
                const bool alac = mp4->audioProperties()->codec() == TagLib::MP4::Properties::ALAC;
                a.codec = alac ? "ALAC" : "AAC";
                a.lossless = alac;
                a.bitsPerSample = alac ? mp4->audioProperties()->bitsPerSample() : 0;
            }
            else if (dynamic_cast<TagLib::Ogg::Opus::File*>(file))
                a.format = AudioFormat::Opus, a.codec = "OPUS";
            else if (dynamic_cast<TagLib::Ogg::Vorbis::File*>(file))
                a.format = AudioFormat::OggVorbis, a.codec = "VORBIS";
            else if (auto* wav = dynamic_cast<TagLib::RIFF::WAV::File*>(file))
                a.format = AudioFormat::Wav, a.codec = "PCM", a.lossless = true,
                a.bitsPerSample = wav->audioProperties()->bitsPerSample();
            else if (auto* aiff = dynamic_cast<TagLib::RIFF::AIFF::File*>(file))
                a.format = AudioFormat::Aiff, a.codec = "PCM", a.lossless = true,
                a.bitsPerSample = aiff->audioProperties()->bitsPerSample();
            return a;
        }

        core::Result<TagLib::FileRef> openForReading(const std::filesystem::path& file, bool withAudio)
        {
            std::error_code ec;
            if (!std::filesystem::is_regular_file(file, ec))
                return core::fail(core::Error::notFound("not a regular file: " + file.string()));
            TagLib::FileRef ref(file.c_str(), withAudio, TagLib::AudioProperties::Average);
            if (ref.isNull() || (withAudio && !ref.audioProperties()))
                return core::fail(core::Error::parse("not a readable audio file: " + file.string()));
            // TagLib opens junk with an audio extension and reports zeros rather than failing.
            if (withAudio && ref.audioProperties()->sampleRate() == 0 && ref.audioProperties()->lengthInMilliseconds() == 0)
                return core::fail(core::Error::parse("no audio stream found in " + file.string()));
            return ref;
        }

        std::optional<CoverImage> fromBytes(const TagLib::ByteVector& data, const TagLib::String& mime)
        {
            return CoverImage{std::string(data.data(), data.size()), toStd(mime)};
        }

        template <typename PictureList>
        std::optional<CoverImage> pickXiphOrFlac(const PictureList& pictures)
        {
            for (const auto* p : pictures)
                if (p->type() == TagLib::FLAC::Picture::FrontCover)
                    return fromBytes(p->data(), p->mimeType());
            if (!pictures.isEmpty())
                return fromBytes(pictures.front()->data(), pictures.front()->mimeType());
            return std::nullopt;
        }
        std::optional<CoverImage> frontCoverOf(TagLib::File* f)
        {
            if (auto* mpeg = dynamic_cast<TagLib::MPEG::File*>(f))
            {
                if (!mpeg->hasID3v2Tag())
                    return std::nullopt;
                const auto frames = mpeg->ID3v2Tag()->frameList("APIC");
                const TagLib::ID3v2::AttachedPictureFrame* chosen = nullptr;
                for (const auto* frame : frames)
                    if (const auto* apic = dynamic_cast<const TagLib::ID3v2::AttachedPictureFrame*>(frame))
                        if (!chosen || apic->type() == TagLib::ID3v2::AttachedPictureFrame::FrontCover)
                            chosen = apic;
                if (!chosen)
                    return std::nullopt;
                return fromBytes(chosen->picture(), chosen->mimeType());
            }
            if (auto* flac = dynamic_cast<TagLib::FLAC::File*>(f))
                return pickXiphOrFlac(flac->pictureList());
            if (auto* mp4 = dynamic_cast<TagLib::MP4::File*>(f))
            {
                const auto item = mp4->tag()->item("covr");
                const auto list = item.toCoverArtList();
                if (!item.isValid() || list.isEmpty())
                    return std::nullopt;
                const auto& art = list.front();
                return fromBytes(art.data(), art.format() == TagLib::MP4::CoverArt::PNG ? "image/png" : "image/jpeg");
            }
            if (auto* xiph = dynamic_cast<TagLib::Ogg::XiphComment*>(f->tag()))
                return pickXiphOrFlac(xiph->pictureList());
            return std::nullopt;
        }
    } // namespace

    core::Result<FileTags> readFileTags(const std::filesystem::path& file)
    {
        auto ref = openForReading(file, true);
        if (!ref)
            return core::fail(ref.error());
        FileTags tags;
        tags.metadata = metadataFrom(ref->file()->properties());
        tags.audio = describe(ref->file());
        std::error_code ec;
        tags.sizeBytes = std::filesystem::file_size(file, ec);
        tags.hasFrontCover = frontCoverOf(ref->file()).has_value();
        return tags;
    }

    core::Result<AudioProperties> readAudioProperties(const std::filesystem::path& file)
    {
        auto ref = openForReading(file, true);
        if (!ref)
            return core::fail(ref.error());
        return describe(ref->file());
    }

    core::Result<std::optional<CoverImage>> readFrontCover(const std::filesystem::path& file)
    {
        auto ref = openForReading(file, false);
        if (!ref)
            return core::fail(ref.error());
        return frontCoverOf(ref->file());
    }
} // namespace soulspot::library
