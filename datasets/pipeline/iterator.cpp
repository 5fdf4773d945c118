// One pass over a Dataset: the chain of stages and the element it currently points at.
#include <utility>

#include "gather.hpp"
#include "kerascpp/data/dataset.hpp"
#include "kerascpp/errors.hpp"
#include "pipeline_state.hpp"
#include "streams.hpp"

namespace kerascpp::data {

namespace detail {

struct IteratorState {
    std::shared_ptr<const Source> source;
    std::unique_ptr<Stream<std::int64_t>> samples;  // the last stage, before batch()
    std::unique_ptr<Stream<Indices>> batches;       // the last stage, after batch()
    Indices rows;
    std::vector<unsigned char> staging;
    Element current;
    bool done = false;

    void advance() {
        current = Element{};  // lets the previous batch's memory be reused for the next one
        if (batches) {
            done = !batches->next(rows);
            if (done) return;
            current.x = gather_rows(source->x, source->x_host, rows, staging);
            if (source->y.defined()) {
                current.y = gather_rows(source->y, source->y_host, rows, staging);
            }
        } else {
            std::int64_t i = 0;
            done = !samples->next(i);
            if (done) return;
            current.x = source->x[i];
            if (source->y.defined()) current.y = source->y[i];
        }
    }
};

std::shared_ptr<IteratorState> start_pass(const std::shared_ptr<const Source>& source,
                                          const std::vector<std::shared_ptr<const Step>>& steps) {
    auto state = std::make_shared<IteratorState>();
    state->source = source;
    std::unique_ptr<Stream<std::int64_t>> samples = std::make_unique<RangeStream>(source->size);
    std::unique_ptr<Stream<Indices>> batches;
    for (const auto& step : steps) {
        switch (step->kind) {
            case Step::Kind::shuffle: {
                const std::uint64_t pass = step->flag ? step->passes.fetch_add(1) : 0;
                const ShuffleRng rng(step->seed, pass);
                if (batches) {
                    batches =
                        std::make_unique<ShuffleStream<Indices>>(std::move(batches), step->n, rng);
                } else {
                    samples = std::make_unique<ShuffleStream<std::int64_t>>(std::move(samples),
                                                                            step->n, rng);
                }
                break;
            }
            case Step::Kind::take:
                if (step->n < 0) break;
                if (batches) {
                    batches = std::make_unique<TakeStream<Indices>>(std::move(batches), step->n);
                } else {
                    samples =
                        std::make_unique<TakeStream<std::int64_t>>(std::move(samples), step->n);
                }
                break;
            case Step::Kind::batch:
                batches = std::make_unique<BatchStream>(std::move(samples), step->n, step->flag);
                break;
        }
    }
    state->samples = std::move(samples);
    state->batches = std::move(batches);
    state->advance();
    return state;
}

}  // namespace detail

DatasetIterator::DatasetIterator(std::shared_ptr<detail::IteratorState> state)
    : state_(std::move(state)) {}

const Element& DatasetIterator::operator*() const {
    if (at_end()) throw IndexError("Dataset iterator: dereferenced past the end");
    return state_->current;
}

DatasetIterator& DatasetIterator::operator++() {
    if (!at_end()) state_->advance();
    return *this;
}

bool DatasetIterator::at_end() const {
    return !state_ || state_->done;
}

}  // namespace kerascpp::data
