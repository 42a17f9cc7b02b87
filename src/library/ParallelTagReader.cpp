#include "library/ParallelTagReader.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "library/TagReader.hpp"

namespace soulspot::library
{
    namespace
    {
        // Enough buffered results that the writer never waits on a slow file, little enough to bound memory.
        constexpr std::size_t kBufferedBatches = 4;

        struct SharedState
        {
            std::mutex mutex;
            std::condition_variable resultsReady; // consumer waits for results
            std::condition_variable spaceFree;    // workers wait for the consumer
            std::vector<FileReadResult> ready;
            int running{0};
        };
    } // namespace

    void readTagsInParallel(const std::vector<AudioFileEntry>& files, const ParallelReadOptions& options,
                            const ReadBatchConsumer& consume, std::stop_token stop)
    {
        if (files.empty())
            return;
        const std::size_t batch = std::max<std::size_t>(1, options.batchSize);
        int threads = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
        threads = std::clamp(threads, 1, static_cast<int>(std::min<std::size_t>(files.size(), 64)));

        SharedState state;
        std::atomic<std::size_t> next{0};
        state.running = threads;
        std::vector<std::jthread> workers;
        workers.reserve(static_cast<std::size_t>(threads));
        for (int t = 0; t < threads; ++t)
            workers.emplace_back([&] {
                for (;;)
                {
                    const std::size_t i = next.fetch_add(1);
                    if (i >= files.size() || stop.stop_requested())
                        break;
                    FileReadResult result{files[i], readFileTags(files[i].path)};
                    std::unique_lock lock(state.mutex);
                    state.spaceFree.wait(lock, [&] { return state.ready.size() < batch * kBufferedBatches; });
                    state.ready.push_back(std::move(result));
                    if (state.ready.size() >= batch)
                        state.resultsReady.notify_one();
                }
                std::lock_guard lock(state.mutex);
                --state.running;
                state.resultsReady.notify_one();
            });

        for (;;)
        {
            std::vector<FileReadResult> taken;
            {
                std::unique_lock lock(state.mutex);
                state.resultsReady.wait(lock, [&] { return state.ready.size() >= batch || state.running == 0; });
                if (state.ready.empty() && state.running == 0)
                    break;
                const std::size_t n = std::min(batch, state.ready.size());
                taken.assign(std::make_move_iterator(state.ready.begin()),
                             std::make_move_iterator(state.ready.begin() + static_cast<std::ptrdiff_t>(n)));
                state.ready.erase(state.ready.begin(), state.ready.begin() + static_cast<std::ptrdiff_t>(n));
            }
            state.spaceFree.notify_all();
            consume(std::move(taken));
        }
    }
} // namespace soulspot::library
