#include "LabelledAlbumCatalogue.hpp"

namespace soulspot::matching::testing
{
    const std::vector<CatalogueAlbum>& labelledAlbumCatalogue()
    {
        // clang-format off
        static const std::vector<CatalogueAlbum> albums = {
            {"OK Computer", {"Radiohead"}, 1997, "Album", {"Radiohead"}, "OK Computer",
             {{"Airbag", 284}, {"Paranoid Android", 387}, {"Subterranean Homesick Alien", 267}, {"Exit Music (For a Film)", 264},
              {"Let Down", 299}, {"Karma Police", 261}, {"Fitter Happier", 117}, {"Electioneering", 230},
              {"Climbing Up the Walls", 285}, {"No Surprises", 228}, {"Lucky", 259}, {"The Tourist", 324}}},
            {"Nevermind (Remastered)", {"Nirvana"}, 1991, "Album", {"Nirvana"}, "Nevermind",
             {{"Smells Like Teen Spirit", 301}, {"In Bloom", 254}, {"Come As You Are", 219}, {"Breed", 183},
              {"Lithium", 257}, {"Polly", 177}, {"Territorial Pissings", 142}, {"Drain You", 223},
              {"Lounge Act", 156}, {"Stay Away", 212}, {"On a Plain", 196}, {"Something In The Way", 232}}},
            {"Discovery", {"Daft Punk"}, 2001, "Album", {"Daft Punk"}, "Discovery",
             {{"One More Time", 320}, {"Aerodynamic", 212}, {"Digital Love", 301}, {"Harder, Better, Faster, Stronger", 224},
              {"Crescendolls", 211}, {"Nightvision", 104}, {"Superheroes", 237}, {"High Life", 201},
              {"Something About Us", 232}, {"Voyager", 227}, {"Veridis Quo", 345}, {"Short Circuit", 206},
              {"Face to Face", 240}, {"Too Long", 600}}},
            {"Homogenic", {"Björk"}, 1997, "Album", {"Björk", "Bjork"}, "Homogenic",
             {{"Hunter", 255}, {"Jóga", 305}, {"Unravel", 201}, {"Bachelorette", 316}, {"All Neon Like", 353},
              {"5 Years", 269}, {"Immature", 186}, {"Alarm Call", 259}, {"Pluto", 199}, {"All Is Full of Love", 273}}},
            {"Rumours", {"Fleetwood Mac"}, 1977, "Album", {"Fleetwood Mac"}, "Rumours",
             {{"Second Hand News", 163}, {"Dreams", 254}, {"Never Going Back Again", 134}, {"Don't Stop", 193},
              {"Go Your Own Way", 218}, {"Songbird", 200}, {"The Chain", 270}, {"You Make Loving Fun", 211},
              {"I Don't Want to Know", 196}, {"Oh Daddy", 234}, {"Gold Dust Woman", 291}}},
            {"Abbey Road (Remastered)", {"The Beatles"}, 1969, "Album", {"The Beatles", "Beatles"}, "Abbey Road",
             {{"Come Together", 259}, {"Something", 182}, {"Maxwell's Silver Hammer", 207}, {"Oh! Darling", 206},
              {"Octopus's Garden", 171}, {"I Want You (She's So Heavy)", 467}, {"Here Comes The Sun", 185},
              {"Because", 165}, {"You Never Give Me Your Money", 242}, {"Sun King", 146}, {"Mean Mr. Mustard", 66},
              {"Polythene Pam", 72}, {"She Came In Through The Bathroom Window", 117}, {"Golden Slumbers", 91},
              {"Carry That Weight", 96}, {"The End", 139}, {"Her Majesty", 25}}},
            {"Parachutes", {"Coldplay"}, 2000, "Album", {"Coldplay"}, "Parachutes",
             {{"Don't Panic", 137}, {"Shiver", 304}, {"Spies", 318}, {"Sparks", 227}, {"Yellow", 269},
              {"Trouble", 273}, {"Parachutes", 46}, {"High Speed", 254}, {"We Never Change", 249},
              {"Everything's Not Lost", 435}}},
            {"The Wall", {"Pink Floyd"}, 1979, "Album", {"Pink Floyd"}, "The Wall",
             {{"In the Flesh?", 199, 1}, {"The Thin Ice", 147, 1}, {"Another Brick in the Wall, Part 1", 191, 1},
              {"The Happiest Days of Our Lives", 106, 1}, {"Another Brick in the Wall, Part 2", 239, 1}, {"Mother", 332, 1},
              {"Goodbye Blue Sky", 165, 1}, {"Empty Spaces", 130, 1}, {"Young Lust", 205, 1}, {"One of My Turns", 221, 1},
              {"Don't Leave Me Now", 256, 1}, {"Another Brick in the Wall, Part 3", 78, 1}, {"Goodbye Cruel World", 76, 1},
              {"Hey You", 280, 2}, {"Is There Anybody Out There?", 164, 2}, {"Nobody Home", 206, 2}, {"Vera", 95, 2},
              {"Bring the Boys Back Home", 81, 2}, {"Comfortably Numb", 382, 2}, {"The Show Must Go On", 96, 2},
              {"In the Flesh", 255, 2}, {"Run Like Hell", 260, 2}, {"Waiting for the Worms", 240, 2}, {"Stop", 30, 2},
              {"The Trial", 313, 2}, {"Outside the Wall", 101, 2}}, 2},
            {"Trainspotting (Music from the Motion Picture)", {"Various Artists"}, 1996, "Compilation", {"VA", "Various Artists"}, "Trainspotting OST",
             {{"Lust for Life", 314, 1, "Iggy Pop"}, {"Deep Blue Day", 239, 1, "Brian Eno"}, {"Trainspotting", 640, 1, "Primal Scream"},
              {"Atomic", 264, 1, "Sleeper"}, {"Temptation", 421, 1, "New Order"}, {"Nightclubbing", 254, 1, "Iggy Pop"},
              {"Sing", 361, 1, "Blur"}, {"Perfect Day", 225, 1, "Lou Reed"}, {"Mile End", 271, 1, "Pulp"},
              {"For What You Dream Of", 383, 1, "Bedrock"}, {"2:1", 151, 1, "Elastica"}, {"A Final Hit", 276, 1, "Leftfield"},
              {"Born Slippy .NUXX", 578, 1, "Underworld"}, {"Closet Romantic", 201, 1, "Damon Albarn"}}},
            {"MTV Unplugged In New York", {"Nirvana"}, 1994, "Album", {"Nirvana"}, "MTV Unplugged In New York",
             {{"About A Girl", 217}, {"Come As You Are", 253}, {"Jesus Doesn't Want Me For A Sunbeam", 277},
              {"The Man Who Sold The World", 260}, {"Pennyroyal Tea", 220}, {"Dumb", 172}, {"Polly", 196},
              {"On A Plain", 224}, {"Something In The Way", 241}, {"Plateau", 218}, {"Oh Me", 206},
              {"Lake Of Fire", 175}, {"All Apologies", 263}, {"Where Did You Sleep Last Night", 308}}, 1, true},
        };
        // clang-format on
        return albums;
    }
} // namespace soulspot::matching::testing
