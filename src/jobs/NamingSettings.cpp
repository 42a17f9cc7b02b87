#include "jobs/NamingSettings.hpp"

#include "core/Log.hpp"
#include "db/repositories/KeyValueRepository.hpp"

namespace soulspot::jobs
{
    core::Result<NamingTemplates> NamingSettings::get()
    {
        db::SettingsRepository settings(db_);
        auto track = settings.get(kTrackTemplateKey);
        if (!track)
            return core::fail(track.error());
        auto multi = settings.get(kMultiDiscTemplateKey);
        if (!multi)
            return core::fail(multi.error());
        return NamingTemplates{track->value_or(std::string(library::kDefaultTrackTemplate)),
                               multi->value_or(std::string(library::kDefaultMultiDiscTemplate))};
    }

    core::Result<NamingTemplates> NamingSettings::update(const std::optional<std::string>& trackTemplate,
                                                         const std::optional<std::string>& multiDiscTemplate)
    {
        auto current = get();
        if (!current)
            return core::fail(current.error());
        NamingTemplates next = *current;
        if (trackTemplate)
            next.trackTemplate = *trackTemplate;
        if (multiDiscTemplate)
            next.multiDiscTemplate = *multiDiscTemplate;
        if (auto t = library::NamingTemplate::parse(next.trackTemplate); !t)
            return core::fail(core::Error::invalid("track_template: " + t.error().message));
        if (auto t = library::NamingTemplate::parse(next.multiDiscTemplate); !t)
            return core::fail(core::Error::invalid("multidisc_template: " + t.error().message));
        db::SettingsRepository settings(db_);
        if (auto r = settings.set(kTrackTemplateKey, next.trackTemplate); !r)
            return core::fail(r.error());
        if (auto r = settings.set(kMultiDiscTemplateKey, next.multiDiscTemplate); !r)
            return core::fail(r.error());
        return next;
    }

    library::NamingScheme NamingSettings::scheme()
    {
        auto templates = get();
        if (templates)
        {
            if (auto scheme = library::NamingScheme::create(templates->trackTemplate, templates->multiDiscTemplate))
                return std::move(*scheme);
            core::Logger("jobs.naming").warning("stored naming templates are invalid; using the defaults");
        }
        return *library::NamingScheme::create();
    }

    core::Result<std::vector<NamingPreview>> previewNaming(std::string_view text)
    {
        auto parsed = library::NamingTemplate::parse(text);
        if (!parsed)
            return core::fail(parsed.error());
        std::vector<NamingPreview> out;
        const auto album = library::sampleNamingInput();
        out.push_back({"FLAC album track", parsed->render(album, ".flac")});

        auto secondDisc = album;
        secondDisc.metadata.title = "Because";
        secondDisc.metadata.trackNumber = 8;
        secondDisc.metadata.discNumber = 2;
        secondDisc.metadata.discTotal = 2;
        secondDisc.audio = library::AudioProperties{library::AudioFormat::Mp3, "MP3", 165000, 320, 44100, 2, 0, false};
        secondDisc.originalFilename = "08 because";
        out.push_back({"MP3-320 on disc 2 of 2", parsed->render(secondDisc, ".mp3")});

        auto awkward = album;
        awkward.metadata.title = "What's Next? <Live: Part 1/2>";
        awkward.metadata.artists = {"AC/DC"};
        awkward.metadata.albumArtist = "AC/DC";
        awkward.metadata.album = "Live: At Donington";
        awkward.metadata.trackNumber = 3;
        awkward.metadata.date = "";
        out.push_back({"characters that are not allowed in file names", parsed->render(awkward, ".flac")});
        return out;
    }
} // namespace soulspot::jobs
